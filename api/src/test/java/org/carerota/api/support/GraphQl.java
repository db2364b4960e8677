package org.carerota.api.support;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GraphQL testers against the application running on a random port. */
public final class GraphQl {

    private GraphQl() {}

    /** A tester for {@code /graphql} on {@code port}, sending no credentials. */
    public static HttpGraphQlTester anonymous(int port) {
        return HttpGraphQlTester.create(client(port));
    }

    /** A tester for {@code /graphql} on {@code port}, sending {@code token} as a bearer token. */
    public static HttpGraphQlTester withToken(int port, String token) {
        return HttpGraphQlTester.create(client(port)
                .mutate()
                .defaultHeader("Authorization", "Bearer " + token)
                .build());
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port + "/graphql")
                .build();
    }
}
