package org.carerota.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens for tests outside the demo profile: signed by a key pair made for this test JVM,
 * whose public key {@link TestDatabase#register} hands to the resource server
 * ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}).
 *
 * <pre>{@code
 * GraphQl.withToken(port, TestTokens.coordinator(organisationId))
 * }</pre>
 */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static @Nullable Path publicKeyFile;

    private TestTokens() {}

    /** A coordinator of {@code organisation}. */
    public static String coordinator(UUID organisation) {
        return token("coordinator.test", "COORDINATOR", organisation, null);
    }

    /** An administrator of {@code organisation}. */
    public static String admin(UUID organisation) {
        return token("admin.test", "ADMIN", organisation, null);
    }

    /** The carer {@code carer} of {@code organisation}. */
    public static String carer(UUID organisation, UUID carer) {
        return token("carer.test", "CARER", organisation, carer);
    }

    /** A commissioner of {@code organisation}. */
    public static String commissioner(UUID organisation) {
        return token("commissioner.test", "COMMISSIONER", organisation, null);
    }

    /** A token signed by the test key that expired at {@code expiresAt} (or expires then). */
    public static String expiring(String user, String role, UUID organisation, Instant expiresAt) {
        return sign(KEYS, user, role, organisation, null, expiresAt);
    }

    /** A token valid for an hour. */
    public static String token(String user, String role, UUID organisation, @Nullable UUID carer) {
        return sign(KEYS, user, role, organisation, carer, Instant.now().plus(Duration.ofHours(1)));
    }

    /** A token signed by {@code keys} that expires at {@code expiresAt}. */
    public static String sign(
            KeyPair keys, String user, String role, UUID organisation, @Nullable UUID carer, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer("urn:carerota:test")
                .issueTime(Date.from(expiresAt.minus(Duration.ofHours(1))))
                .expirationTime(Date.from(expiresAt))
                .claim("role", role)
                .claim("organisation_id", organisation.toString());
        if (carer != null) {
            claims.claim("carer_id", carer.toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A fresh RSA key pair (2048 bits). */
    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key, as a PEM file, for {@code public-key-location}. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                Path file = Files.createTempFile("carerota-test-jwt", ".pem");
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(file, pem, StandardCharsets.US_ASCII);
                file.toFile().deleteOnExit();
                publicKeyFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile.toUri().toString();
    }
}
