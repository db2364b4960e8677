package org.carerota.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webflux.AuthenticationWebSocketInterceptor;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

/**
 * GraphQL over WebSocket ({@code /graphql}, subscriptions): browsers cannot send an Authorization
 * header with the handshake, so the handshake itself is let through (see
 * {@link SecurityConfiguration}) and the client authenticates in its {@code connection_init}
 * message, {@code {"Authorization": "Bearer eyJ…"}}: the same token check as HTTP, and the
 * connection is refused without a valid token. Every operation on the connection then runs as that
 * caller (method security and row-level security as over HTTP).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketAuthentication {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AuthenticationWebSocketInterceptor webSocketAuthenticationInterceptor(
            ReactiveJwtDecoder decoder, SecurityProperties properties) {
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(SecurityConfiguration.authenticationConverter(properties));
        return new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(), manager);
    }
}
