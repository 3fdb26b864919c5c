# Production image of the operator. Build context: the repository root.
#   docker build -t key-operator:dev .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/KeyOperator/KeyOperator.csproj -c Release -o /out /p:UseAppHost=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
# Run as an unprivileged user; the operator needs no file system writes outside /tmp.
USER 65532:65532
ENTRYPOINT ["/app/key-operator"]
CMD ["run"]
