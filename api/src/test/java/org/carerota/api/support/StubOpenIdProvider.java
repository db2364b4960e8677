package org.carerota.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OpenID Connect provider for tests (JDK HTTP server on its own port, RS256 keys made for
 * it): discovery, authorize (a page with a user picker, or straight back with {@code login_hint}),
 * token (authorization code with the PKCE S256 verifier and the same {@code redirect_uri}; refresh
 * tokens), JWKS and end-session. Its users are claim sets given by the test. Every response allows
 * any origin (CORS), as real providers do for their token and discovery endpoints.
 *
 * <p>It is strict where a real provider is: an unknown client or redirect URI, a missing or plain
 * code challenge, a code used twice, a wrong verifier or redirect URI are refused with the
 * standard error codes.
 */
public final class StubOpenIdProvider implements AutoCloseable {

    /** The client id the pages use in tests. */
    public static final String CLIENT_ID = "carerota-pages";

    private record Grant(
            String user, String clientId, String redirectUri, String challenge, @Nullable String nonce, String scope) {}

    private final HttpServer server;
    private final String issuer;
    private final RSAKey key;
    private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> redirectUriPrefixes = ConcurrentHashMap.newKeySet();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> accessTokenLifetime = new AtomicReference<>(Duration.ofMinutes(5));
    private volatile boolean issueRefreshTokens = true;
    private final SecureRandom random = new SecureRandom();

    /** Starts a provider on a free port of 127.0.0.1. */
    public StubOpenIdProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/care";
        KeyPair pair = TestTokens.generate();
        key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID("stub-1")
                .algorithm(JWSAlgorithm.RS256)
                .build();
        server.createContext("/realms/care/", this::handle);
        server.start();
    }

    /** {@code iss} of its tokens, and the base of its discovery document. */
    public String issuer() {
        return issuer;
    }

    /** Adds (or replaces) a user with the claims its access and ID tokens carry besides the standard ones. */
    public StubOpenIdProvider user(String name, Map<String, Object> claims) {
        users.put(name, Map.copyOf(claims));
        return this;
    }

    /** Accepts redirect URIs starting with {@code prefix} (e.g. {@code http://127.0.0.1:8080/auth/}). */
    public StubOpenIdProvider allowRedirectsUnder(String prefix) {
        redirectUriPrefixes.add(prefix);
        return this;
    }

    /** How long the access and ID tokens it issues from now on live. */
    public void accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime.set(lifetime);
    }

    /** Whether the token endpoint hands out refresh tokens. */
    public void issueRefreshTokens(boolean issue) {
        issueRefreshTokens = issue;
    }

    /** What it was asked, one line per request ({@code "token authorization_code alice"}, {@code "end_session"}…). */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** An access token for {@code user} signed by this provider, issued now, for HTTP-level tests. */
    public String accessToken(String user, Duration lifetime) {
        return sign(user, "JWT", Instant.now(), lifetime, null, null);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            if ("OPTIONS".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type, Authorization");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/realms/care".length());
            switch (path) {
                case "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
                case "/protocol/openid-connect/certs" -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
                case "/protocol/openid-connect/auth" -> authorize(exchange);
                case "/protocol/openid-connect/token" -> token(exchange);
                case "/protocol/openid-connect/logout" -> endSession(exchange);
                default -> json(exchange, 404, "{\"error\":\"not_found\"}");
            }
        } catch (RuntimeException e) {
            log.add("failure " + e);
            throw e;
        }
    }

    private String discovery() {
        String base = issuer + "/protocol/openid-connect";
        return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + base + "/auth\",\"token_endpoint\":\""
                + base + "/token\",\"jwks_uri\":\"" + base + "/certs\",\"end_session_endpoint\":\"" + base
                + "/logout\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"],\"code_challenge_methods_supported\":[\"S256\"],"
                + "\"grant_types_supported\":[\"authorization_code\",\"refresh_token\"]}";
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        String redirectUri = q.getOrDefault("redirect_uri", "");
        if (!CLIENT_ID.equals(q.get("client_id")) || !redirectAllowed(redirectUri)) {
            log.add("authorize refused client or redirect_uri " + redirectUri);
            text(exchange, 400, "unknown client_id or redirect_uri not registered");
            return;
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))
                || !"S256".equals(q.get("code_challenge_method"))
                || q.getOrDefault("code_challenge", "").isEmpty()
                || !q.getOrDefault("scope", "").contains("openid")) {
            log.add("authorize refused request");
            redirect(exchange, redirectUri + "?error=invalid_request" + param("state", state));
            return;
        }
        String hint = q.get("login_hint");
        if (hint == null || !users.containsKey(hint)) {
            log.add("authorize picker");
            html(exchange, picker(q));
            return;
        }
        String code = randomToken();
        codes.put(
                code, new Grant(hint, CLIENT_ID, redirectUri, q.get("code_challenge"), q.get("nonce"), q.get("scope")));
        log.add("authorize " + hint);
        redirect(exchange, redirectUri + "?code=" + code + param("state", state));
    }

    private String picker(Map<String, String> q) {
        StringBuilder page = new StringBuilder(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>Stub identity provider</title></head><body><h1>Sign in to the stub identity provider</h1>"
                        + "<form method=\"get\"><label for=\"login_hint\">User</label><select id=\"login_hint\" name=\"login_hint\">");
        users.keySet().stream()
                .sorted()
                .forEach(name -> page.append("<option>").append(escape(name)).append("</option>"));
        page.append("</select>");
        q.forEach((k, v) -> {
            if (!k.equals("login_hint")) {
                page.append("<input type=\"hidden\" name=\"")
                        .append(escape(k))
                        .append("\" value=\"")
                        .append(escape(v))
                        .append("\">");
            }
        });
        return page.append("<button type=\"submit\">Continue</button></form></body></html>")
                .toString();
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            json(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!CLIENT_ID.equals(f.get("client_id"))) {
            log.add("token refused client");
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String grantType = f.getOrDefault("grant_type", "");
        if (grantType.equals("refresh_token")) {
            String user = refreshTokens.remove(f.getOrDefault("refresh_token", ""));
            if (user == null || !users.containsKey(user)) {
                log.add("token refused refresh");
                json(exchange, 400, "{\"error\":\"invalid_grant\"}");
                return;
            }
            log.add("token refresh_token " + user);
            json(exchange, 200, tokens(user, null));
            return;
        }
        if (!grantType.equals("authorization_code")) {
            json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        Grant grant = codes.remove(f.getOrDefault("code", ""));
        String verifier = f.getOrDefault("code_verifier", "");
        if (grant == null
                || !grant.redirectUri().equals(f.get("redirect_uri"))
                || verifier.length() < 43
                || !s256(verifier).equals(grant.challenge())) {
            log.add("token refused code");
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        log.add("token authorization_code " + grant.user());
        json(exchange, 200, tokens(grant.user(), grant.nonce()));
    }

    private String tokens(String user, @Nullable String nonce) {
        Instant now = Instant.now();
        Duration lifetime = accessTokenLifetime.get();
        String access = sign(user, "JWT", now, lifetime, null, null);
        String id = sign(user, "JWT", now, lifetime, CLIENT_ID, nonce);
        StringBuilder body = new StringBuilder("{\"token_type\":\"Bearer\",\"access_token\":\"" + access
                + "\",\"id_token\":\"" + id + "\",\"expires_in\":" + lifetime.toSeconds());
        if (issueRefreshTokens) {
            String refresh = randomToken();
            refreshTokens.put(refresh, user);
            body.append(",\"refresh_token\":\"").append(refresh).append('"');
        }
        return body.append('}').toString();
    }

    private void endSession(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        String after = q.get("post_logout_redirect_uri");
        log.add("end_session " + (q.containsKey("id_token_hint") ? "with id_token_hint" : "without id_token_hint"));
        if (after != null && redirectAllowedAfterLogout(after)) {
            String state = param("state", q.get("state"));
            redirect(
                    exchange, state.isEmpty() ? after : after + (after.contains("?") ? "&" : "?") + state.substring(1));
        } else {
            html(
                    exchange,
                    "<!doctype html><html lang=\"en\"><title>Signed out</title><p>You are signed out.</p></html>");
        }
    }

    // ---- tokens ---------------------------------------------------------------------------------

    private String sign(
            String user,
            String type,
            Instant now,
            Duration lifetime,
            @Nullable String audience,
            @Nullable String nonce) {
        Map<String, Object> extra = users.get(user);
        if (extra == null) {
            throw new IllegalArgumentException("no stub user " + user);
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("preferred_username", user);
        if (audience != null) {
            claims.audience(audience);
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        extra.forEach(claims::claim);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(new JOSEObjectType(type))
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** The PKCE S256 challenge of a verifier. */
    public static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private boolean redirectAllowed(String uri) {
        return redirectUriPrefixes.stream()
                .anyMatch(prefix -> uri.startsWith(prefix) && uri.endsWith("/auth/callback.html"));
    }

    private boolean redirectAllowedAfterLogout(String uri) {
        return redirectUriPrefixes.stream().anyMatch(uri::startsWith);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Map<String, String> form(@Nullable String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(k, v);
        }
        return values;
    }

    private static String param(String name, @Nullable String value) {
        return value == null ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static void html(HttpExchange exchange, String body) throws IOException {
        send(exchange, 200, "text/html; charset=utf-8", body);
    }

    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
