package org.carerota.api.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import org.carerota.sync.protocol.VisitPayload;

/**
 * Writes a carer's visits as an iCalendar (RFC 5545) document. Calendar apps copy feeds to their
 * own servers, so it carries only what a carer needs to plan the day: the time, the client's
 * initials and postcode; never access notes, tasks or full names (those stay in the app).
 */
final class ICalendar {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendar() {}

    static String write(List<VisitPayload> visits, Instant now) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//CareRota//Carer calendar//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        line(out, "X-WR-CALNAME:" + text("CareRota visits"));
        line(out, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        line(out, "X-PUBLISHED-TTL:PT1H");
        visits.stream()
                .sorted(Comparator.comparing(VisitPayload::plannedStart))
                .forEach(visit -> event(out, visit, now));
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static void event(StringBuilder out, VisitPayload visit, Instant now) {
        boolean cancelled = "CANCELLED".equals(visit.status());
        line(out, "BEGIN:VEVENT");
        line(out, "UID:" + visit.visitId() + "@carerota");
        line(out, "DTSTAMP:" + UTC.format(now));
        line(out, "DTSTART:" + UTC.format(visit.plannedStart()));
        line(out, "DTEND:" + UTC.format(visit.plannedEnd()));
        line(
                out,
                "SUMMARY:"
                        + text((cancelled ? "Cancelled: " : "") + "Care visit "
                                + initials(visit.serviceUser().name())));
        String postcode = visit.serviceUser().postcode();
        if (postcode != null && !postcode.isBlank()) {
            line(out, "LOCATION:" + text(postcode));
        }
        line(
                out,
                "DESCRIPTION:"
                        + text("Window " + time(visit.windowStart()) + "–" + time(visit.windowEnd())
                                + (visit.coWorkers().isEmpty()
                                        ? ""
                                        : ", with " + visit.coWorkers().size() + " co-worker(s)")
                                + ". Details, tasks and access notes are in the CareRota app."));
        line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
        line(out, "TRANSP:OPAQUE");
        line(out, "END:VEVENT");
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm")
                .withZone(java.time.ZoneId.of("Europe/London"))
                .format(instant);
    }

    static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        for (String part : name.trim().split("\\s+")) {
            if (!part.isEmpty() && Character.isLetter(part.codePointAt(0))) {
                initials.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
            }
        }
        return initials.isEmpty() ? "" : initials.toString();
    }

    /** Escapes TEXT values (RFC 5545 3.3.11). */
    static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** Appends a content line folded at 75 octets, ending in CRLF. */
    static void line(StringBuilder out, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            out.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = 74;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
