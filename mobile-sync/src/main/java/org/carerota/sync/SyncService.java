package org.carerota.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.carerota.sync.feed.ChangeFeedWriter;
import org.carerota.sync.protocol.PullRequest;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.SchemaVersions;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.pull.Checkpoints;
import org.carerota.sync.pull.PullHandler;
import org.carerota.sync.push.DeliveredEvents;
import org.carerota.sync.push.FlaggedEvent;
import org.carerota.sync.push.PinnedVisit;
import org.carerota.sync.push.PushHandler;
import org.carerota.sync.receipt.Acknowledgement;
import org.carerota.sync.receipt.ReadReceipts;
import org.carerota.sync.receipt.UnacknowledgedCarer;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Mono;

/**
 * The sync protocol's entry points for the api. Each call runs in one transaction obtained from
 * {@link SyncTransactions} (the api scopes it to the caller); the {@code carerId} passed in must be
 * the authenticated carer's, never one taken from the request body.
 *
 * <p>Publishing does not go through here: the api's publish transaction calls {@link
 * #feedWriter()} directly so the feed rows commit with the plan.
 */
public final class SyncService {

    private final SyncTransactions transactions;
    private final Clock clock;
    private final PullHandler pulls;
    private final PushHandler pushes;
    private final ChangeFeedWriter feedWriter;

    public SyncService(
            SyncTransactions transactions, Clock clock, SyncSettings settings, AccessNotesReader accessNotes) {
        this.transactions = transactions;
        this.clock = clock;
        this.pulls = new PullHandler(clock, settings, accessNotes);
        this.pushes = new PushHandler(clock, settings);
        this.feedWriter = new ChangeFeedWriter(clock, settings);
    }

    /**
     * The carer's changes after the request's checkpoint (one REPEATABLE READ transaction, {@link
     * SyncTransactions#pull}: the library only reads; the access-notes reader may audit in it).
     */
    public Mono<PullResponse> pull(UUID carerId, PullRequest request) {
        return pulls.refuse(request)
                .map(Mono::just)
                .orElseGet(() -> transactions.pull(db -> pulls.pull(db, carerId, request)));
    }

    /** Ingests the batch (one read-write transaction): a result per event, in order. */
    public Mono<PushResponse> push(UUID carerId, PushRequest request) {
        if (!SchemaVersions.isSupported(request.schemaVersion())) {
            return Mono.just(PushResponse.upgradeRequired(request.schemaVersion(), clock.instant()));
        }
        return transactions.write(db -> pushes.push(db, carerId, request));
    }

    /**
     * As {@link #push(UUID, PushRequest)}, for a request read leniently: {@code unreadable} maps the
     * index of an event with fields that could not be read to what was wrong; such an event is
     * rejected (MALFORMED, quarantined) and the rest of the batch applied.
     */
    public Mono<PushResponse> push(UUID carerId, PushRequest request, java.util.Map<Integer, String> unreadable) {
        if (!SchemaVersions.isSupported(request.schemaVersion())) {
            return Mono.just(PushResponse.upgradeRequired(request.schemaVersion(), clock.instant()));
        }
        return transactions.write(db -> pushes.push(db, carerId, request, unreadable));
    }

    /** Records that the device holds the carer's feed up to {@code seq} (carer's write transaction). */
    public Mono<Acknowledgement> acknowledge(UUID deviceId, UUID carerId, long seq, @Nullable Integer planRevision) {
        return transactions.write(
                db -> ReadReceipts.acknowledge(db, deviceId, carerId, seq, planRevision, clock.instant()));
    }

    /** As {@link #acknowledge(UUID, UUID, long, Integer)}, with the checkpoint of the pull the device applied. */
    public Mono<Acknowledgement> acknowledge(
            UUID deviceId, UUID carerId, String checkpoint, @Nullable Integer planRevision) {
        return Checkpoints.decode(carerId, checkpoint)
                .map(seq -> acknowledge(deviceId, carerId, seq, planRevision))
                .orElseGet(() -> Mono.just(new Acknowledgement(deviceId, false, 0, "malformed checkpoint")));
    }

    /** Coordinators: carers none of whose devices holds the latest change {@code planId} made for them. */
    public Mono<List<UnacknowledgedCarer>> carersNotUpToDate(UUID planId) {
        return transactions.read(db -> ReadReceipts.notAcknowledged(db, planId));
    }

    /**
     * Re-planning: visit → carer pins from delivered events (check-in, check-out, tasks), so a visit
     * a carer delivered (also one re-assigned away while they were offline) stays theirs.
     */
    public Mono<List<PinnedVisit>> pinsFromDeliveredEvents(Collection<UUID> visitIds) {
        return transactions.read(db -> DeliveredEvents.pinsForVisits(db, visitIds));
    }

    /** As {@link #pinsFromDeliveredEvents(Collection)} for every visit of an area between two days. */
    public Mono<List<PinnedVisit>> pinsFromDeliveredEvents(UUID areaId, LocalDate from, LocalDate to) {
        return transactions.read(db -> DeliveredEvents.pinsForArea(db, areaId, from, to));
    }

    /** Coordinators: flagged events (re-assigned while offline, clock skew) received since a time. */
    public Mono<List<FlaggedEvent>> flaggedEvents(Instant since, int limit) {
        return transactions.read(db -> DeliveredEvents.flaggedSince(db, since, limit));
    }

    /** The feed writer for the api's publish / re-plan / edit transactions. */
    public ChangeFeedWriter feedWriter() {
        return feedWriter;
    }
}
