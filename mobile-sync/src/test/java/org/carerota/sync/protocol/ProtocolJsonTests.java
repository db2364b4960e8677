package org.carerota.sync.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.carerota.sync.shared.SyncJson;
import org.junit.jupiter.api.Test;

/** The feed payload and the wire records are a contract with devices: field names are fixed here. */
class ProtocolJsonTests {

    private static final UUID ID = UUID.fromString("00000000-0000-7000-8000-000000000001");

    @Test
    void shouldWriteTheDocumentedFieldsWhenVisitPayloadIsSerialised() {
        Instant start = Instant.parse("2026-06-01T07:00:00Z");
        VisitPayload visit = new VisitPayload(
                ID,
                ID,
                ID,
                ID,
                3,
                LocalDate.of(2026, 6, 1),
                0,
                2,
                start,
                start.plusSeconds(3600),
                null,
                start.minusSeconds(300),
                start,
                start.plusSeconds(1800),
                30,
                2,
                "NORMAL",
                "PLANNED",
                12.5,
                List.of(new Task("meds", "Prompt medication", true)),
                null,
                new ServiceUserDetails(ID, "Mrs Jones", "1 Elm Road", "NR1 1AA", 52.62, 1.3),
                List.of(new CoWorker(ID, "Bea", 1)));

        String json = SyncJson.write(visit);

        assertThat(json)
                .contains(
                        "\"visitId\":\"" + ID + "\"",
                        "\"serviceDate\":\"2026-06-01\"",
                        "\"plannedStart\":\"2026-06-01T07:00:00Z\"",
                        "\"planRevision\":3",
                        "\"coWorkers\":[",
                        "\"serviceUser\":{",
                        "\"postcode\":\"NR1 1AA\"",
                        "\"tasks\":[{\"code\":\"meds\"");
        assertThat(SyncJson.read(json, VisitPayload.class)).isEqualTo(visit);
    }

    @Test
    void shouldReadAPushRequestWithUnknownKindWithoutFailingWhenDeserialised() {
        String json = "{\"schemaVersion\":1,\"deviceId\":\"" + ID + "\",\"events\":[{\"id\":\"" + ID
                + "\",\"kind\":\"DANCE\",\"visitId\":\"" + ID + "\",\"deviceTime\":\"2026-06-01T07:00:00Z\","
                + "\"location\":{\"lat\":52.6,\"lon\":1.3,\"accuracyM\":8},\"extra\":true}]}";

        PushRequest request = SyncJson.read(json, PushRequest.class);

        assertThat(request.events()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("DANCE");
            assertThat(EventKind.parse(e.kind())).isEmpty();
            assertThat(e.location().accuracyM()).isEqualTo(8.0);
        });
    }

    @Test
    void shouldAnswerUpgradeRequiredAsDataWhenVersionIsUnsupported() {
        PullResponse response = PullResponse.upgradeRequired(7, Instant.EPOCH);

        assertThat(response.upgradeRequired()).isTrue();
        assertThat(SyncJson.write(response))
                .contains("\"status\":\"UPGRADE_REQUIRED\"", "\"supportedSchemaVersions\":[1]");
        assertThat(SchemaVersions.isSupported(SchemaVersions.CURRENT)).isTrue();
    }
}
