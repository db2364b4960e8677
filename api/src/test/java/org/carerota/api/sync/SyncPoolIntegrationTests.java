package org.carerota.api.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;

/**
 * Pulls against a pool smaller than the number of pulls in flight (its own application context, so
 * the small pool affects nothing else). A pull reveals access notes and audits the reveal: the
 * audit row goes into the pull's own transaction. It used to take a second pooled connection while
 * holding the first, so that as many simultaneous pulls as pooled connections deadlocked the
 * application for good (mobile-sync/README.md, "Benchmark").
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "carerota.demo.load-region=true",
            "carerota.demo.size=S",
            "carerota.demo.days=2",
            "spring.r2dbc.pool.initial-size=1",
            "spring.r2dbc.pool.max-size=" + SyncPoolIntegrationTests.POOL_SIZE
        })
@ActiveProfiles({"test", "demo"})
class SyncPoolIntegrationTests extends SyncAppTest {

    static final int POOL_SIZE = 3;

    @Test
    void shouldAnswerEveryPullWhenMorePullsThanPooledConnectionsArriveAtOnce() {
        SyncTestApp.publishToday(transactions, sync, SyncTestApp.carerOf("carer.norfolk"), 3);
        String token = SyncTestApp.token(port, "carer.norfolk");
        WebClient client = WebClient.create("http://localhost:" + port);
        int pulls = POOL_SIZE * 8;
        List<String> statuses = Flux.range(0, pulls)
                .flatMap(
                        i -> client.post()
                                .uri("/sync/pull")
                                .header("Authorization", "Bearer " + token)
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("schemaVersion", 1))
                                .retrieve()
                                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {})
                                .map(body -> String.valueOf(body.get("status"))),
                        pulls)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(statuses).hasSize(pulls).containsOnly("OK");
    }
}
