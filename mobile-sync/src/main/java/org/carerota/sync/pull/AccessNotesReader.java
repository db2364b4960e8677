package org.carerota.sync.pull;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * Decrypts access notes (key safe codes...) for a pull. Implemented by the api, which holds the keys:
 * it reads {@code service_users.access_notes_ciphertext} in the pull's transaction and decrypts only
 * where {@code rls_may_read_access_notes(id, organisation_id)} is true, i.e. for a carer assigned a
 * published visit to that person on {@code day}. The library asks only for the service users of the
 * carer's visits on {@code day} (today) and never stores the plain text.
 *
 * <p>Whatever it records (the api audits every reveal) it must record in {@code db}, the pull's own
 * transaction ({@link org.carerota.sync.SyncTransactions#pull}): a transaction of its own would need
 * a second pooled connection while the pull holds one, and with every connection held by a pull the
 * pool deadlocks.
 */
@FunctionalInterface
public interface AccessNotesReader {

    /** Reads nothing: for deployments without access notes and for tests. */
    AccessNotesReader NONE = (db, carerId, day, serviceUserIds) -> Mono.just(Map.of());

    /**
     * @return plain-text notes by service user id; a service user without notes (or whose notes the
     *     carer may not see) is simply absent
     */
    Mono<Map<UUID, String>> read(DatabaseClient db, UUID carerId, LocalDate day, Set<UUID> serviceUserIds);
}
