package org.carerota.api.security;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses with 413 a body over {@code carerota.security.graphql.max-request-size} on
 * {@code /graphql} and {@code /demo/token}: by its Content-Length before anything is read, or, for
 * a chunked body, as soon as it has grown past the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter implements WebFilter {

    private final long maxBytes;
    private final String graphQlPath;

    RequestSizeLimitFilter(
            SecurityProperties properties,
            @org.springframework.beans.factory.annotation.Value("${spring.graphql.http.path:/graphql}")
                    String graphQlPath) {
        this.maxBytes = properties.graphql().maxRequestSize().toBytes();
        this.graphQlPath = graphQlPath;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (!path.equals(graphQlPath) && !path.equals(DemoTokenController.PATH)) {
            return chain.filter(exchange);
        }
        long length = request.getHeaders().getContentLength();
        if (length > maxBytes) {
            exchange.getResponse().setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
            return exchange.getResponse().setComplete();
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest limited = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<org.springframework.core.io.buffer.DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "request too large"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build());
    }
}
