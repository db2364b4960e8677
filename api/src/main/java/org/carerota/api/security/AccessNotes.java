package org.carerota.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Access notes (key safe codes) of service users: encrypted before they reach the database and
 * decrypted only for the carer assigned a published visit to that person today and for the
 * coordinators and admins of the organisation that owns the record (the database decides, with
 * {@code rls_may_read_access_notes}). Every reveal is audited.
 */
@Service
public class AccessNotes {

    /** What to store in {@code service_users.access_notes_ciphertext} and {@code access_notes_key_id}. */
    public record Sealed(byte @Nullable [] ciphertext, @Nullable String keyId) {
        static final Sealed NONE = new Sealed(null, null);
    }

    private final AccessNotesKeys keys;
    private final Transactions transactions;
    private final AuditLog auditLog;

    AccessNotes(AccessNotesKeys keys, Transactions transactions, AuditLog auditLog) {
        this.keys = keys;
        this.transactions = transactions;
        this.auditLog = auditLog;
    }

    /** Encrypts the notes of {@code serviceUserId}; blank notes are stored as none. */
    public Sealed seal(UUID serviceUserId, @Nullable String notes) {
        if (notes == null || notes.isBlank()) {
            return Sealed.NONE;
        }
        AccessNotesCipher cipher = keys.cipher();
        return new Sealed(cipher.encrypt(serviceUserId, notes), cipher.keyId());
    }

    /**
     * The notes of a service user, if the caller may see them today (and there are any); the
     * reveal is recorded in the audit log in the same transaction.
     */
    public Mono<Optional<String>> reveal(UUID serviceUserId) {
        return transactions.write(db -> reveal(db, serviceUserId));
    }

    /** As {@link #reveal(UUID)}, inside the caller's own read-write transaction. */
    public Mono<Optional<String>> reveal(DatabaseClient db, UUID serviceUserId) {
        return db.sql("select access_notes_ciphertext, access_notes_key_id,"
                        + " rls_may_read_access_notes(id, organisation_id) as allowed"
                        + " from service_users where id = :id")
                .bind("id", serviceUserId)
                .map(row -> new Stored(
                        row.get("access_notes_ciphertext", byte[].class),
                        row.get("access_notes_key_id", String.class),
                        Boolean.TRUE.equals(row.get("allowed", Boolean.class))))
                .one()
                .flatMap(stored -> {
                    if (!stored.allowed() || stored.ciphertext() == null || stored.keyId() == null) {
                        return Mono.just(Optional.<String>empty());
                    }
                    String notes = keys.cipher().decrypt(serviceUserId, stored.ciphertext(), stored.keyId());
                    return auditLog.record(db, AuditLog.REVEAL_ACCESS_NOTES, "service_users", List.of(serviceUserId))
                            .thenReturn(Optional.of(notes));
                })
                .defaultIfEmpty(Optional.empty());
    }

    /**
     * The notes of many service users at once (one transaction, one audit record): only those the
     * caller may see today and that have notes appear in the map.
     */
    public Mono<Map<UUID, String>> revealAll(Collection<UUID> serviceUserIds) {
        if (serviceUserIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return transactions.write(db -> decryptAll(db, serviceUserIds).flatMap(revealed -> audit(
                        revealed,
                        auditLog.record(
                                db, AuditLog.REVEAL_ACCESS_NOTES, "service_users", List.copyOf(revealed.keySet())))
                .thenReturn(revealed)));
    }

    /**
     * As {@link #revealAll(Collection)}, reading inside the caller's transaction (which may be
     * read-only): the audit record is written in a transaction of its own, on a second connection
     * while the caller's holds one. Under load that can exhaust the pool (every connection held by
     * a caller waiting for another): where the caller can write, use {@link
     * #revealTodayToCarer(DatabaseClient, Collection)} (carers).
     */
    public Mono<Map<UUID, String>> revealAll(DatabaseClient db, Collection<UUID> serviceUserIds) {
        if (serviceUserIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return decryptAll(db, serviceUserIds).flatMap(revealed -> audit(
                        revealed,
                        auditLog.record(AuditLog.REVEAL_ACCESS_NOTES, "service_users", List.copyOf(revealed.keySet())))
                .thenReturn(revealed));
    }

    /**
     * Today's notes of those of {@code serviceUserIds} that the calling carer may read (the rule of
     * {@code rls_may_read_access_notes} for a CARER: a visit to them today in a published rota),
     * found in one set-based query ({@code sync_access_notes_today}, migration V0500) instead of
     * row-level security's per-row checks; any other caller gets nothing. Runs inside the caller's
     * read-write transaction: the audit record is written on the caller's connection and commits
     * (or rolls back) with the work that revealed the notes, so the caller must not hand them out
     * before it commits. This is what the sync pull's {@code AccessNotesReader} calls.
     */
    public Mono<Map<UUID, String>> revealTodayToCarer(DatabaseClient db, Collection<UUID> serviceUserIds) {
        if (serviceUserIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select service_user_id, access_notes_ciphertext, access_notes_key_id"
                        + " from sync_access_notes_today(:ids, rls_role())")
                .bind("ids", serviceUserIds.toArray(UUID[]::new))
                .map(row -> {
                    UUID id = row.get("service_user_id", UUID.class);
                    byte[] ciphertext = row.get("access_notes_ciphertext", byte[].class);
                    String keyId = row.get("access_notes_key_id", String.class);
                    return Map.entry(id, keys.cipher().decrypt(id, ciphertext, keyId));
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(revealed -> audit(
                                revealed,
                                auditLog.record(
                                        db,
                                        AuditLog.REVEAL_ACCESS_NOTES,
                                        "service_users",
                                        List.copyOf(revealed.keySet())))
                        .thenReturn(revealed));
    }

    private static Mono<Void> audit(Map<UUID, String> revealed, Mono<Void> record) {
        return revealed.isEmpty() ? Mono.empty() : record;
    }

    private Mono<Map<UUID, String>> decryptAll(DatabaseClient db, Collection<UUID> serviceUserIds) {
        return db.sql("select id, access_notes_ciphertext, access_notes_key_id"
                        + " from service_users where id = any(:ids) and access_notes_ciphertext is not null"
                        + " and rls_may_read_access_notes(id, organisation_id)")
                .bind("ids", serviceUserIds.toArray(UUID[]::new))
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    byte[] ciphertext = row.get("access_notes_ciphertext", byte[].class);
                    String keyId = row.get("access_notes_key_id", String.class);
                    return Map.entry(id, keys.cipher().decrypt(id, ciphertext, keyId));
                })
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private record Stored(byte @Nullable [] ciphertext, @Nullable String keyId, boolean allowed) {}
}
