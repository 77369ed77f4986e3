# One image for both roles: the silo (Crm.Silo) and the web node (Crm.Web); compose picks the entry point.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Crm.Web -c Release -o /app/web \
 && dotnet publish src/Crm.Silo -c Release -o /app/silo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app /app
ENV Crm__LogFormat=json
