package org.carerota.sync.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.carerota.sync.testdata.Fixtures;
import org.carerota.sync.testdata.Fixtures.Org;
import org.carerota.sync.testdata.SyncHarness;
import org.junit.jupiter.api.Test;

class ReadReceiptsIntegrationTests {

    private final SyncHarness harness = new SyncHarness();
    private final Fixtures fx = harness.fixtures;

    @Test
    void shouldListCarersUntilTheirDeviceAcknowledgesThePlansLatestChange() {
        Org org = fx.organisation("Receipt Care");
        UUID amal = fx.carer(org, "Amal");
        UUID bea = fx.carer(org, "Bea");
        UUID su = fx.serviceUser(org, "Mrs Jones");
        UUID plan = fx.plan(org, Fixtures.TODAY, Fixtures.TODAY);
        fx.assign(org, plan, fx.visit(org, su, Fixtures.TODAY, LocalTime.of(8, 0), 30, 1), amal, 0, 0);
        fx.assign(org, plan, fx.visit(org, su, Fixtures.TODAY, LocalTime.of(9, 0), 30, 1), bea, 0, 0);
        harness.publish(plan);
        UUID amalsPhone = UUID.randomUUID();

        assertThat(pending(plan)).extracting(UnacknowledgedCarer::carerId).containsExactly(amal, bea);

        String checkpoint = harness.pull(amal, null).checkpoint();
        Acknowledgement ack = harness.sync
                .acknowledge(amalsPhone, amal, Objects.requireNonNull(checkpoint), 1)
                .block();

        assertThat(ack.stored()).isTrue();
        assertThat(ack.acknowledgedSeq()).isEqualTo(1);
        assertThat(pending(plan)).extracting(UnacknowledgedCarer::carerId).containsExactly(bea);
        assertThat(harness.sync.acknowledge(amalsPhone, amal, 0L, null).block().acknowledgedSeq())
                .as("never moves backwards")
                .isEqualTo(1);
        assertThat(harness.sync.acknowledge(amalsPhone, amal, 99L, null).block().stored())
                .as("cannot acknowledge what was never sent")
                .isFalse();
        assertThat(harness.sync.acknowledge(amalsPhone, bea, 1L, null).block().problem())
                .contains("someone else");
        assertThat(fx.count("select acknowledged_plan_revision from device_read_receipts where device_id = '"
                        + amalsPhone + "'"))
                .isEqualTo(1);
    }

    private List<UnacknowledgedCarer> pending(UUID plan) {
        return harness.sync.carersNotUpToDate(plan).block();
    }
}
