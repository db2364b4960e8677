/**
 * Security and tenancy: JWT authentication (any OAuth2 issuer, or the built-in demo issuer),
 * roles and method security, the caller's tenant context for row-level security, encrypted
 * access notes, the audit log, and GraphQL hardening (depth, complexity, introspection, request
 * size, mutation rate).
 */
@NullMarked
package org.carerota.api.security;

import org.jspecify.annotations.NullMarked;
