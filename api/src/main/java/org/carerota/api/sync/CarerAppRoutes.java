package org.carerota.api.sync;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The carer web app's entry: {@code /app} redirects to {@code /app/}, which serves
 * {@code static/app/index.html} (static resources do not resolve a directory to its index). The
 * other files of the app are plain static resources (open to everyone: the app holds no data).
 */
@Configuration(proxyBeanMethods = false)
class CarerAppRoutes {

    private static final Resource INDEX = new ClassPathResource("static/app/index.html");

    @Bean
    RouterFunction<ServerResponse> carerAppEntry() {
        return RouterFunctions.route()
                .GET("/app", request -> ServerResponse.permanentRedirect(URI.create("/app/"))
                        .build())
                .GET("/app/", request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache())
                        .bodyValue(INDEX))
                .build();
    }
}
