package org.carerota.api.sync;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.carerota.sync.protocol.Event;
import org.carerota.sync.protocol.Location;
import org.carerota.sync.protocol.PullRequest;
import org.carerota.sync.protocol.PushRequest;
import org.carerota.sync.shared.SyncJson;
import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the devices' JSON leniently: a value of the wrong type becomes "missing" and the problem
 * is remembered per event, so one malformed event is rejected (and quarantined) by the library
 * instead of the whole batch failing with 400. Only a body that is not a JSON object is refused.
 */
final class SyncRequests {

    private SyncRequests() {}

    /** The body could not be read as a JSON object. */
    static final class UnreadableRequestException extends RuntimeException {
        UnreadableRequestException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A push as the library takes it, with the fields of each event that were present but could not
     * be read (by event index): the api puts them into the rejection reason.
     */
    record ParsedPush(PushRequest request, Map<Integer, String> problems) {}

    /** An acknowledgement from a device. */
    record Ack(
            @Nullable UUID deviceId, @Nullable String checkpoint, @Nullable Long seq, @Nullable Integer planRevision) {}

    static JsonNode tree(byte[] body) {
        JsonNode node;
        try {
            node = SyncJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new UnreadableRequestException("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableRequestException("the body must be a JSON object");
        }
        return node;
    }

    static PullRequest pull(JsonNode body) {
        Problems ignored = new Problems();
        String checkpoint = text(body, "checkpoint", ignored);
        Long limit = integer(body, "limit", ignored);
        return new PullRequest(
                checkpoint,
                schemaVersion(body),
                limit == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, limit)));
    }

    static ParsedPush push(JsonNode body) {
        Problems top = new Problems();
        UUID deviceId = uuid(body, "deviceId", top);
        Instant sentAt = instant(body, "sentAt", top);
        Long sentElapsed = integer(body, "sentElapsedMs", top);
        JsonNode eventsNode = body.get("events");
        List<Event> events = new ArrayList<>();
        Map<Integer, String> problems = new LinkedHashMap<>();
        if (eventsNode != null && eventsNode.isArray()) {
            for (int i = 0; i < eventsNode.size(); i++) {
                Problems p = new Problems();
                events.add(event(eventsNode.get(i), p));
                if (!p.isEmpty()) {
                    problems.put(i, p.toString());
                }
            }
        }
        return new ParsedPush(new PushRequest(schemaVersion(body), deviceId, sentAt, sentElapsed, events), problems);
    }

    static Ack ack(JsonNode body) {
        Problems p = new Problems();
        Long seq = integer(body, "seq", p);
        Long revision = integer(body, "planRevision", p);
        return new Ack(
                uuid(body, "deviceId", p),
                text(body, "checkpoint", p),
                seq,
                revision == null || revision > Integer.MAX_VALUE || revision < 0 ? null : revision.intValue());
    }

    private static Event event(@Nullable JsonNode node, Problems p) {
        if (node == null || !node.isObject()) {
            p.add("the event is not a JSON object");
            return new Event(null, null, null, null, null, null, null, null, null, null);
        }
        return new Event(
                uuid(node, "id", p),
                text(node, "kind", p),
                uuid(node, "visitId", p),
                instant(node, "deviceTime", p),
                integer(node, "deviceElapsedMs", p),
                location(node.get("location"), p),
                text(node, "verificationMethod", p),
                text(node, "taskCode", p),
                text(node, "reason", p),
                text(node, "note", p));
    }

    private static @Nullable Location location(@Nullable JsonNode node, Problems p) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            p.add("location is not an object");
            return new Location(Double.NaN, Double.NaN, null);
        }
        Double lat = number(node, "lat", p);
        Double lon = number(node, "lon", p);
        Double accuracy = number(node, "accuracyM", p);
        return new Location(lat, lon, accuracy);
    }

    private static int schemaVersion(JsonNode body) {
        JsonNode node = body.get("schemaVersion");
        if (node != null && node.isIntegralNumber() && node.canConvertToInt()) {
            return node.asInt();
        }
        if (node != null && node.isString()) {
            try {
                return Integer.parseInt(node.asString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static @Nullable String text(JsonNode parent, String field, Problems p) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString();
        }
        p.add(field + " is not a string");
        return null;
    }

    private static @Nullable UUID uuid(JsonNode parent, String field, Problems p) {
        String value = text(parent, field, p);
        if (value == null) {
            return null;
        }
        try {
            String trimmed = value.trim();
            if (trimmed.length() != 36) {
                throw new IllegalArgumentException("not 36 characters");
            }
            return UUID.fromString(trimmed);
        } catch (IllegalArgumentException e) {
            p.add(field + " is not a UUID");
            return null;
        }
    }

    private static @Nullable Instant instant(JsonNode parent, String field, Problems p) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            try {
                return java.time.OffsetDateTime.parse(node.asString().trim()).toInstant();
            } catch (DateTimeParseException e) {
                p.add(field + " is not an ISO-8601 date-time with an offset");
                return null;
            }
        }
        p.add(field + " is not an ISO-8601 string");
        return null;
    }

    private static @Nullable Long integer(JsonNode parent, String field, Problems p) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber() && node.asDouble() == Math.rint(node.asDouble()) && Double.isFinite(node.asDouble())) {
            return (long) node.asDouble();
        }
        p.add(field + " is not a whole number");
        return null;
    }

    private static @Nullable Double number(JsonNode parent, String field, Problems p) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        p.add(field + " is not a number");
        return Double.NaN;
    }

    /** Problems met while reading one event. */
    private static final class Problems {
        private final List<String> list = new ArrayList<>();

        void add(String problem) {
            list.add(problem);
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        @Override
        public String toString() {
            return String.join("; ", list);
        }
    }
}
