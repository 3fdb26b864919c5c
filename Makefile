# KeyOperator – developer entry points. The README's two commands are `make dev` and `make test`.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIGURATION ?= Debug
DEV_ARGS ?= --samples
APT_UPDATED := .keyop/.apt-updated

.PHONY: all build test test-cluster test-k3s dev deps crds webhook bench clean

all: build

## deps: install what the tests need and the machine lacks (runs apt-get update once, then installs).
deps:
	@mkdir -p .keyop
	@command -v $(DOTNET) >/dev/null || { echo "error: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
	@command -v kubectl >/dev/null || { echo "error: kubectl is required for the end-to-end tests (it is on the machine image)" >&2; exit 1; }
	@missing=""; \
	for pkg in $(APT_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  if [ ! -f $(APT_UPDATED) ]; then apt-get update -qq && touch $(APT_UPDATED); fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@# moto (the AWS emulator the AWS tests run; on the machine image) only when python3 cannot import it.
	@command -v python3 >/dev/null || { echo "error: python3 is required for the AWS tests (moto)" >&2; exit 1; }
	@python3 -c "import moto, boto3, flask" 2>/dev/null || python3 -m pip install -q 'moto[server]'

# Debian packages the test suite uses: SoftHSM2 (a PKCS#11 module) and OpenSC's pkcs11-tool for the HSM tests.
APT_PACKAGES ?= softhsm2 opensc

build:
	$(DOTNET) build KeyOperator.sln -c $(CONFIGURATION)

## test: install what is missing, then run every test project. The tests that can target any cluster then run once
## more against a control plane in a separate process (or, with KEYOP_TEST_KUBECONFIG set, ran against that cluster).
## The test assemblies run one after another (-m:1): on a 2-core machine running them side by side gains little time
## and makes the tests that wait on background loops compete for the cores with the end-to-end suites.
test: deps
	$(DOTNET) test KeyOperator.sln -c $(CONFIGURATION) -m:1
	@if [ -z "$$KEYOP_TEST_KUBECONFIG" ]; then DOTNET=$(DOTNET) CONFIGURATION=$(CONFIGURATION) hack/test-cluster.sh; fi

## test-cluster: only the tests that can target any cluster, against KEYOP_TEST_KUBECONFIG (or a separate local one).
test-cluster: deps build
	DOTNET=$(DOTNET) CONFIGURATION=$(CONFIGURATION) hack/test-cluster.sh

## test-k3s: the same tests against a throwaway K3s that Testcontainers starts in Docker (hack/k3s); needs a reachable
## Docker engine and exits 2 at once without one. Not run on the project's machines, which have none (docs/testing.md).
test-k3s: deps
	$(DOTNET) build hack/k3s -c $(CONFIGURATION)
	$(DOTNET) run --project hack/k3s --no-build -c $(CONFIGURATION) -- --check-docker
	$(MAKE) build
	DOTNET=$(DOTNET) CONFIGURATION=$(CONFIGURATION) $(DOTNET) run --project hack/k3s --no-build -c $(CONFIGURATION)

## dev: the local control plane with the operator in the foreground (key-operator-local, src/KeyOperator.LocalCluster);
## writes .keyop/kubeconfig.
dev:
	$(DOTNET) run --project src/KeyOperator.LocalCluster -c $(CONFIGURATION) -- $(DEV_ARGS)

## crds / webhook: regenerate the committed manifests from the C# types.
crds:
	$(DOTNET) run --project src/KeyOperator -c $(CONFIGURATION) -- generate crds --out config/crd
	$(DOTNET) run --project src/KeyOperator -c $(CONFIGURATION) -- generate crds --out charts/key-operator/crds

webhook:
	$(DOTNET) run --project src/KeyOperator -c $(CONFIGURATION) -- generate webhook --out config/webhook

bench:
	$(DOTNET) run --project bench/KeyOperator.Benchmarks -c Release -- --filter '*'

clean:
	$(DOTNET) clean KeyOperator.sln
	rm -rf .keyop
