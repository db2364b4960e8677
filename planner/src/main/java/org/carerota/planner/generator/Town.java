package org.carerota.planner.generator;

import java.util.List;

/**
 * A town of Norfolk and Waveney around which clients and carers are clustered.
 *
 * @param name the town, also the area name
 * @param lat latitude of the town centre (decimal degrees, WGS 84)
 * @param lon longitude of the town centre
 * @param weight relative share of the region's care (roughly the older population)
 * @param radiusKm the spread of homes around the centre (one standard deviation, km)
 * @param waveney whether the town is in Waveney (Suffolk County Council) rather than Norfolk
 * @param west whether the town is in west Norfolk (served by the west Norfolk provider)
 * @param urban whether carers there may walk, cycle or take the bus
 */
record Town(
        String name,
        double lat,
        double lon,
        double weight,
        double radiusKm,
        boolean waveney,
        boolean west,
        boolean urban) {

    /**
     * Town centres (approximate, from OS / Wikipedia coordinates, rounded to about 100 m). Weights follow the towns'
     * populations, with Norwich as the urban area.
     */
    static final List<Town> NORFOLK_AND_WAVENEY = List.of(
            new Town("Norwich", 52.6309, 1.2974, 30, 3.5, false, false, true),
            new Town("Great Yarmouth", 52.6083, 1.7305, 9, 2.2, false, false, true),
            new Town("Lowestoft", 52.4811, 1.7534, 9, 2.2, true, false, true),
            new Town("King's Lynn", 52.7543, 0.3976, 7, 2.0, false, true, false),
            new Town("Thetford", 52.4128, 0.7519, 4, 1.6, false, true, false),
            new Town("Dereham", 52.6820, 0.9410, 3, 1.5, false, false, false),
            new Town("Wymondham", 52.5700, 1.1160, 2.5, 1.3, false, false, false),
            new Town("North Walsham", 52.8210, 1.3880, 2, 1.3, false, false, false),
            new Town("Cromer", 52.9310, 1.3010, 1.5, 1.2, false, false, false),
            new Town("Diss", 52.3760, 1.1080, 1.5, 1.2, false, false, false),
            new Town("Beccles", 52.4560, 1.5630, 2, 1.2, true, false, false),
            new Town("Fakenham", 52.8300, 0.8480, 1.5, 1.2, false, true, false),
            new Town("Swaffham", 52.6480, 0.6860, 1.2, 1.2, false, true, false),
            new Town("Downham Market", 52.6030, 0.3820, 1.7, 1.2, false, true, false),
            new Town("Aylsham", 52.7960, 1.2540, 1, 1.1, false, false, false),
            new Town("Attleborough", 52.5170, 1.0190, 1.5, 1.2, false, false, false),
            new Town("Sheringham", 52.9440, 1.2100, 1.2, 1.1, false, false, false),
            new Town("Bungay", 52.4560, 1.4370, 0.8, 1.0, true, false, false),
            new Town("Halesworth", 52.3440, 1.5030, 0.8, 1.0, true, false, false));
}
