package org.carerota.api.security;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * Gives the demo region's service users made-up access notes (a key safe code and a hint), stored
 * encrypted with the demo key like any real note, so that the reveal rules can be tried.
 */
@Service
@Profile("demo")
class DemoAccessNotes {

    private static final String[] HINTS = {
        "Key safe to the left of the front door", "Key safe by the back door, go round the side",
        "Neighbour at number 12 holds a key; key safe on the porch", "Key safe under the porch light",
    };

    private final Transactions transactions;
    private final AccessNotes accessNotes;

    DemoAccessNotes(Transactions transactions, AccessNotes accessNotes) {
        this.transactions = transactions;
        this.accessNotes = accessNotes;
    }

    /** Seals notes for the demo service users that have none; emits how many were written. */
    Mono<Long> seed() {
        return transactions.writeAs(
                TenantContext.SYSTEM, db -> db.sql("select id from service_users where access_notes_ciphertext is null"
                                + " and external_ref is not null and archived_at is null")
                        .map(row -> row.get("id", UUID.class))
                        .all()
                        .collectList()
                        .flatMap(ids -> {
                            if (ids.isEmpty()) {
                                return Mono.just(0L);
                            }
                            List<String> ciphertexts = new ArrayList<>(ids.size());
                            String keyId = null;
                            for (UUID id : ids) {
                                AccessNotes.Sealed sealed = accessNotes.seal(id, notesFor(id));
                                ciphertexts.add(Base64.getEncoder().encodeToString(sealed.ciphertext()));
                                keyId = sealed.keyId();
                            }
                            return db.sql("update service_users s set access_notes_ciphertext = decode(v.c, 'base64'),"
                                            + " access_notes_key_id = :key from unnest(:ids, :cts) as v(id, c)"
                                            + " where s.id = v.id")
                                    .bind("key", keyId)
                                    .bind("ids", ids.toArray(UUID[]::new))
                                    .bind("cts", ciphertexts.toArray(String[]::new))
                                    .fetch()
                                    .rowsUpdated();
                        }));
    }

    static String notesFor(UUID serviceUser) {
        int hash = Math.floorMod(serviceUser.hashCode(), 10_000);
        return HINTS[Math.floorMod(serviceUser.hashCode() >>> 16, HINTS.length)] + ", code "
                + String.format(java.util.Locale.ROOT, "%04d", hash) + ". Ring twice before going in.";
    }
}
