package org.carerota.api.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.carerota.api.shared.database.Transactions;

/**
 * The small demo region (size S, two days from Monday 23 November 2026) in the shared test
 * database, loaded once per JVM: every integration test that needs realistic data uses this.
 */
public final class DemoRegionFixture {

    /** The first day of the fixture's horizon. */
    public static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    /** 06:00 on that Monday, London. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneId.of("Europe/London"));

    private DemoRegionFixture() {}

    /** Loads the region unless it is loaded; returns whether this call loaded it. */
    public static synchronized boolean load(Transactions transactions) {
        return Boolean.TRUE.equals(loader(transactions).load().block());
    }

    static DemoRegionLoader loader(Transactions transactions) {
        return new DemoRegionLoader(transactions, new DemoProperties(true, "S", 20261122L, 2), CLOCK);
    }

    /**
     * Loads the small region (S, two days) from {@code firstDay} unless a region is loaded: for
     * applications outside the demo profile that still need the demo data (the identity-provider
     * tests).
     */
    public static synchronized boolean loadFrom(Transactions transactions, LocalDate firstDay) {
        Clock clock = Clock.fixed(
                firstDay.atTime(6, 0).atZone(ZoneId.of("Europe/London")).toInstant(), ZoneId.of("Europe/London"));
        return Boolean.TRUE.equals(
                new DemoRegionLoader(transactions, new DemoProperties(true, "S", 20261122L, 2), clock)
                        .load()
                        .block());
    }

    /** The id of a demo organisation by its external reference, e.g. {@code demo:provider-norfolk}. */
    public static java.util.UUID organisation(String externalRef) {
        return DemoRegion.organisationId(externalRef);
    }

    /** The id of a demo area (a town). */
    public static java.util.UUID area(String town) {
        return DemoRegion.areaId(town);
    }
}
