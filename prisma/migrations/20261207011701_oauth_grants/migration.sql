-- CreateTable
CREATE TABLE "OAuthGrant" (
    "connectionId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "tokens" JSONB NOT NULL DEFAULT '{}',
    "accessExpiresAt" TIMESTAMP(3),
    "refreshExpiresAt" TIMESTAMP(3),
    "scope" TEXT NOT NULL DEFAULT '',
    "subject" TEXT NOT NULL DEFAULT '',
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" TIMESTAMP(3),
    "problem" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OAuthGrant_pkey" PRIMARY KEY ("connectionId")
);

-- CreateTable
CREATE TABLE "OAuthAuthorizationRequest" (
    "stateHash" TEXT NOT NULL,
    "connectionId" UUID NOT NULL,
    "sessionHash" TEXT NOT NULL,
    "codeVerifier" JSONB NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "OAuthAuthorizationRequest_pkey" PRIMARY KEY ("stateHash")
);

-- CreateTable
CREATE TABLE "OAuthRefresh" (
    "id" BIGSERIAL NOT NULL,
    "connectionId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OAuthRefresh_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OAuthAuthorizationRequest_connectionId_idx" ON "OAuthAuthorizationRequest"("connectionId");

-- CreateIndex
CREATE INDEX "OAuthRefresh_connectionId_at_idx" ON "OAuthRefresh"("connectionId", "at");

-- AddForeignKey
ALTER TABLE "OAuthGrant" ADD CONSTRAINT "OAuthGrant_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthAuthorizationRequest" ADD CONSTRAINT "OAuthAuthorizationRequest_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthRefresh" ADD CONSTRAINT "OAuthRefresh_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

