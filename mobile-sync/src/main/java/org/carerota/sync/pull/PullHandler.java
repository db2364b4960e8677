package org.carerota.sync.pull;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.carerota.sync.feed.FeedEntry;
import org.carerota.sync.feed.FeedHead;
import org.carerota.sync.feed.FeedReader;
import org.carerota.sync.protocol.AccessNote;
import org.carerota.sync.protocol.AccessNoteChanges;
import org.carerota.sync.protocol.Changes;
import org.carerota.sync.protocol.PullRequest;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.SchemaVersions;
import org.carerota.sync.protocol.VisitChanges;
import org.carerota.sync.protocol.VisitPayload;
import org.carerota.sync.shared.SyncJson;
import org.carerota.sync.shared.SyncSettings;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * Answers a pull inside one read-only REPEATABLE READ transaction (the caller's).
 *
 * <p>Everything comes from the carer's own change feed: a snapshot (no checkpoint) is the latest row
 * of every visit the carer holds from today on, an incremental pull the latest row of every entity
 * changed after the checkpoint; both are ordered by seq and paged. Building the snapshot from the
 * feed (whose payloads {@code ChangeFeedWriter} builds from the published plan) means a carer's
 * transaction needs to read nothing but its own feed rows under row-level security, and a device that
 * replays every page ends up exactly where a fresh snapshot would put it.
 */
public final class PullHandler {

    private final Clock clock;
    private final SyncSettings settings;
    private final AccessNotesReader accessNotes;

    public PullHandler(Clock clock, SyncSettings settings, AccessNotesReader accessNotes) {
        this.clock = clock;
        this.settings = settings;
        this.accessNotes = accessNotes;
    }

    /** Answers without a transaction when the request cannot be served at all. */
    public Optional<PullResponse> refuse(PullRequest request) {
        if (!SchemaVersions.isSupported(request.schemaVersion())) {
            return Optional.of(PullResponse.upgradeRequired(request.schemaVersion(), clock.instant()));
        }
        return Optional.empty();
    }

    public Mono<PullResponse> pull(DatabaseClient db, UUID carerId, PullRequest request) {
        Optional<PullResponse> refused = refuse(request);
        if (refused.isPresent()) {
            return Mono.just(refused.get());
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, settings.zone());
        Optional<Long> decoded = Checkpoints.decode(carerId, request.checkpoint());
        if (decoded.isEmpty()) {
            return Mono.just(PullResponse.reset("the checkpoint is not one this server issued to this carer", now));
        }
        long cursor = decoded.get();
        boolean snapshot = cursor == 0;
        int limit = pageSize(request);
        return FeedReader.head(db, carerId).flatMap(head -> {
            Optional<String> unservable = unservable(cursor, head);
            if (unservable.isPresent()) {
                return Mono.just(PullResponse.reset(unservable.get(), now));
            }
            return FeedReader.latestAfter(db, carerId, cursor, head.lastSeq(), snapshot, today, limit + 1)
                    .collectList()
                    .flatMap(entries -> {
                        boolean hasMore = entries.size() > limit;
                        List<FeedEntry> page = hasMore ? entries.subList(0, limit) : entries;
                        long next = hasMore ? page.get(page.size() - 1).seq() : head.lastSeq();
                        return accessNotesFor(db, carerId, today, page)
                                .map(notes -> PullResponse.ok(
                                        new Changes(visitChanges(page, snapshot), notes),
                                        Checkpoints.encode(carerId, next),
                                        hasMore,
                                        snapshot,
                                        now));
                    });
        });
    }

    private int pageSize(PullRequest request) {
        Integer asked = request.limit();
        if (asked == null || asked < 1) {
            return settings.defaultPageSize();
        }
        return Math.min(asked, settings.maxPageSize());
    }

    private static Optional<String> unservable(long cursor, FeedHead head) {
        if (cursor > head.lastSeq()) {
            return Optional.of("the checkpoint is ahead of the server's feed (" + cursor + " > " + head.lastSeq()
                    + "): the server's data was restored or replaced");
        }
        if (cursor > 0 && cursor < head.prunedThroughSeq()) {
            return Optional.of(
                    "the checkpoint is older than the kept feed (pruned through " + head.prunedThroughSeq() + ")");
        }
        return Optional.empty();
    }

    private static VisitChanges visitChanges(List<FeedEntry> page, boolean snapshot) {
        List<VisitPayload> created = new ArrayList<>();
        List<VisitPayload> updated = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        for (FeedEntry entry : page) {
            if (!entry.entityType().equals(FeedEntry.VISIT)) {
                continue;
            }
            if (entry.isUpsert() && entry.payload() != null) {
                VisitPayload visit = SyncJson.read(entry.payload(), VisitPayload.class);
                if (snapshot || !entry.wasLive()) {
                    created.add(visit);
                } else {
                    updated.add(visit);
                }
            } else if (!entry.isUpsert()) {
                deleted.add(entry.entityId());
            }
        }
        return new VisitChanges(created, updated, deleted);
    }

    private Mono<AccessNoteChanges> accessNotesFor(
            DatabaseClient db, UUID carerId, LocalDate today, List<FeedEntry> page) {
        List<UUID> withdrawn = page.stream()
                .filter(e -> e.entityType().equals(FeedEntry.ACCESS_NOTE) && !e.isUpsert())
                .map(FeedEntry::entityId)
                .toList();
        return FeedReader.serviceUsersOfLiveVisitsOn(db, carerId, today)
                .collect(HashSet<UUID>::new, Set::add)
                .flatMap(serviceUsers -> serviceUsers.isEmpty()
                        ? Mono.just(new AccessNoteChanges(today, List.of(), withdrawn))
                        : accessNotes
                                .read(db, carerId, today, Set.copyOf(serviceUsers))
                                .map(texts -> {
                                    List<AccessNote> notes = new ArrayList<>();
                                    texts.forEach((serviceUser, text) -> {
                                        if (serviceUsers.contains(serviceUser)) {
                                            notes.add(new AccessNote(serviceUser, today, text));
                                        }
                                    });
                                    notes.sort(java.util.Comparator.comparing(AccessNote::serviceUserId));
                                    List<UUID> stillWithdrawn = withdrawn.stream()
                                            .filter(id -> !serviceUsers.contains(id))
                                            .toList();
                                    return new AccessNoteChanges(today, notes, stillWithdrawn);
                                }));
    }
}
