{{- define "key-operator.name" -}}key-operator{{- end -}}
{{- define "key-operator.labels" -}}
app.kubernetes.io/name: key-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- define "key-operator.selectorLabels" -}}
app.kubernetes.io/name: key-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
