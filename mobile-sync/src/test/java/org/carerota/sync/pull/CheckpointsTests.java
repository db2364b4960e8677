package org.carerota.sync.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class CheckpointsTests {

    private final UUID carer = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");

    @Test
    void shouldDecodeWhatItEncodedWhenCarerIsTheSame() {
        String checkpoint = Checkpoints.encode(carer, 42);
        assertThat(checkpoint).isEqualTo("1.099a8057.42");
        assertThat(Checkpoints.decode(carer, checkpoint)).contains(42L);
    }

    @Test
    void shouldTreatMissingOrZeroAsSnapshotWhenNoCheckpoint() {
        assertThat(Checkpoints.decode(carer, null)).contains(0L);
        assertThat(Checkpoints.decode(carer, "")).contains(0L);
        assertThat(Checkpoints.decode(carer, "0")).contains(0L);
        assertThat(Checkpoints.isInitial(" ")).isTrue();
    }

    @Test
    void shouldRefuseWhenMalformedOrAnotherCarers() {
        assertThat(Checkpoints.decode(carer, "1.deadbeef.42")).isEmpty();
        assertThat(Checkpoints.decode(carer, "-3")).isEmpty();
        assertThat(Checkpoints.decode(carer, "1.099a8057.99999999999999999999")).isEmpty();
        assertThat(Checkpoints.decode(carer, "drop table")).isEmpty();
    }
}
