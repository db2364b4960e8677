package org.carerota.api.security;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The built-in token issuer of the demo profile: an RSA key pair kept in the keys directory
 * (outside the database), RS256 tokens for the demo users, and the decoder that accepts exactly
 * those (signature, issuer, expiry).
 */
public final class DemoIssuer {

    private static final Logger log = LoggerFactory.getLogger(DemoIssuer.class);

    private final SecurityProperties properties;
    private final RSAPublicKey publicKey;
    private final RSASSASigner signer;
    private final String keyId;
    private final Clock clock;

    DemoIssuer(SecurityProperties properties, LocalKeys keys, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        KeyPair pair = keys.signingKeyPair();
        this.publicKey = (RSAPublicKey) pair.getPublic();
        this.signer = new RSASSASigner((RSAPrivateKey) pair.getPrivate());
        try {
            this.keyId =
                    new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the demo key's thumbprint", e);
        }
        log.info("Demo token issuer {} with its key in {}", properties.demo().issuer(), keys.directory());
    }

    /** The issued token and when it expires. */
    public record IssuedToken(String value, Instant expiresAt) {}

    /** Signs a token for a demo user. */
    public IssuedToken issue(DemoUserDirectory.DemoUser user) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.demo().tokenLifetime());
        SecurityProperties.Jwt claims = properties.jwt();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(properties.demo().issuer())
                .subject(user.username())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .claim(claims.roleClaim(), user.role().name())
                .claim(claims.organisationClaim(), user.organisationId().toString());
        if (user.carerId() != null) {
            set.claim(claims.carerClaim(), user.carerId().toString());
        }
        if (user.displayName() != null) {
            set.claim("name", user.displayName());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .keyID(keyId)
                        .build(),
                set.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a demo token", e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt);
    }

    /** Accepts this issuer's tokens only: RS256 with its key, its {@code iss}, not expired. */
    ReactiveJwtDecoder decoder() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey)
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(
                JwtValidators.createDefaultWithIssuer(properties.demo().issuer()));
        return decoder;
    }
}
