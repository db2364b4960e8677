package org.carerota.sync.live;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Tells the api which carers' feeds moved, across instances: {@code LISTEN change_feed} on one
 * dedicated connection (the feed's insert trigger sends {@code NOTIFY change_feed '<carer id>'}, once
 * per carer per committed transaction). The api turns {@link #carerChanges()} into server-sent events
 * or a GraphQL subscription; devices then pull.
 *
 * <p>The connection is opened on the first subscriber and closed when the last one leaves; a lost
 * connection is re-opened with back-off. Notifications sent while it was down are lost, which is
 * why devices also pull on open, on {@code online} and on a timer. Give it a factory of plain
 * (unpooled) connections, or a pool that returns connections implementing {@link Wrapped}.
 */
public final class ChangeNotifications {

    public static final String CHANNEL = "change_feed";

    private static final Logger log = LoggerFactory.getLogger(ChangeNotifications.class);

    private final Sinks.Many<Boolean> listening = Sinks.many().replay().latest();
    private final Flux<UUID> changes;

    public ChangeNotifications(ConnectionFactory connectionFactory) {
        this.changes = Flux.usingWhen(Mono.from(connectionFactory.create()), this::listen, connection -> {
                    listening.tryEmitNext(false);
                    return connection.close();
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(15))
                        .doBeforeRetry(signal -> log.warn(
                                "LISTEN {} lost ({}), reconnecting",
                                CHANNEL,
                                signal.failure().toString())))
                .publish()
                .refCount();
    }

    /** Carer ids whose change feed received rows, as they commit, on any instance. Hot. */
    public Flux<UUID> carerChanges() {
        return changes;
    }

    /** Only one carer's changes (a device's stream). */
    public Flux<UUID> changesFor(UUID carerId) {
        return changes.filter(carerId::equals);
    }

    /** Completes once the LISTEN is active (after someone subscribed): tests and readiness checks. */
    public Mono<Void> listening() {
        return listening.asFlux().filter(Boolean::booleanValue).next().then();
    }

    private Flux<UUID> listen(Connection connection) {
        PostgresqlConnection postgres = unwrap(connection);
        return postgres.createStatement("LISTEN " + CHANNEL)
                .execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromRunnable(() -> listening.tryEmitNext(true)))
                .thenMany(postgres.getNotifications())
                .filter(n -> CHANNEL.equals(n.getName()))
                .flatMap(n -> Mono.justOrEmpty(n.getParameter()).flatMap(p -> Mono.justOrEmpty(parse(p))));
    }

    private static Optional<UUID> parse(String parameter) {
        try {
            return Optional.of(UUID.fromString(parameter.trim()));
        } catch (RuntimeException e) {
            log.warn("Ignoring a {} notification that is not a carer id", CHANNEL);
            return Optional.empty();
        }
    }

    private static PostgresqlConnection unwrap(Connection connection) {
        Object current = connection;
        for (int depth = 0; depth < 5; depth++) {
            if (current instanceof PostgresqlConnection postgres) {
                return postgres;
            }
            if (current instanceof Wrapped<?> wrapped) {
                current = wrapped.unwrap();
            } else {
                break;
            }
        }
        throw new IllegalArgumentException("ChangeNotifications needs a PostgreSQL R2DBC connection, got "
                + connection.getClass().getName());
    }
}
