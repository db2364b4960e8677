package org.carerota.api.page;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carerota.map.*}: the map of a carer's day (api/README.md, "Coordinator page").
 *
 * @param tileUrl a slippy-map tile server, {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png};
 *     unset (the default): no tiles, the stops and routes are drawn on a plain background
 * @param attribution the text the tile server's licence asks to show under the map
 * @param maxZoom the highest zoom level the tile server serves
 */
@ConfigurationProperties("carerota.map")
public record MapProperties(
        @Nullable String tileUrl, @DefaultValue("") String attribution, @DefaultValue("18") int maxZoom) {}
