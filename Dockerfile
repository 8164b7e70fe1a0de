# The LiveTrader executable for sweep shards on a cluster (deploy/k8s, deploy/slurm).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/LiveTrader.App -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["dotnet", "/app/LiveTrader.App.dll"]
