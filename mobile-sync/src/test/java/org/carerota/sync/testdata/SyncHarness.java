package org.carerota.sync.testdata;

import java.util.Objects;
import java.util.UUID;

import org.carerota.sync.SyncService;
import org.carerota.sync.feed.FeedWriteSummary;
import org.carerota.sync.protocol.PullRequest;
import org.carerota.sync.protocol.PullResponse;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.protocol.PushResponse;
import org.carerota.sync.protocol.SchemaVersions;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;

/** The library wired as the api wires it, over the shared test database, as the schema owner. */
public final class SyncHarness {

    public final SyncDatabase database = SyncDatabase.get();
    public final MutableClock clock = new MutableClock(Fixtures.NOW);
    public final Fixtures fixtures = new Fixtures(database.admin());
    public final TestTransactions owner = TestTransactions.asOwner(database);
    public final SyncService sync;

    public SyncHarness() {
        this(AccessNotesReader.NONE, SyncSettings.defaults());
    }

    public SyncHarness(AccessNotesReader accessNotes, SyncSettings settings) {
        this.sync = new SyncService(owner, clock, settings, accessNotes);
    }

    /** Publishes the plan as the api does: days first, then the feed, in one transaction. */
    public FeedWriteSummary publish(UUID plan) {
        fixtures.publish(plan);
        return Objects.requireNonNull(
                owner.write(db -> sync.feedWriter().publishPlan(db, plan)).block());
    }

    public PullResponse pull(UUID carer, @Nullable String checkpoint) {
        return pull(carer, checkpoint, null);
    }

    public PullResponse pull(UUID carer, @Nullable String checkpoint, @Nullable Integer limit) {
        return Objects.requireNonNull(sync.pull(carer, new PullRequest(checkpoint, SchemaVersions.CURRENT, limit))
                .block());
    }

    public PushResponse push(UUID carer, PushRequest request) {
        return Objects.requireNonNull(sync.push(carer, request).block());
    }
}
