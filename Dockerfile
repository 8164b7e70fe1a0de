# The LiveTrader executable for sweep shards on a cluster (deploy/k8s, deploy/slurm).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The App's build installs the pages' charts (lightweight-charts) with npm ci from Web/npm/package-lock.json.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/LiveTrader.App -c Release -o /app

# ASP.NET Core's runtime: the App is a web host (its pages and API), even when it runs a sweep.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "/app/LiveTrader.App.dll"]
