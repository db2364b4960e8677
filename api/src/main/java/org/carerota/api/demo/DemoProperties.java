package org.carerota.api.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the demo region ({@code carerota.demo.*}).
 *
 * @param loadRegion load the region on the first start of the demo profile
 * @param size S (30 carers, 250 visits a day), M (150 / 1,500) or L (1,000 / 10,000)
 * @param seed the generator's seed: the same seed gives the same region
 * @param days how many days of visits, from the day of the first start (1 to 7)
 */
@ConfigurationProperties("carerota.demo")
public record DemoProperties(boolean loadRegion, String size, long seed, int days) {

    public DemoProperties {
        if (!size.matches("[SML]")) {
            throw new IllegalArgumentException("carerota.demo.size must be S, M or L, not " + size);
        }
        if (days < 1 || days > 7) {
            throw new IllegalArgumentException("carerota.demo.days must be 1 to 7, not " + days);
        }
    }
}
