/**
 * What the web pages (the board, the carer app, the report page) need to know before anyone signs
 * in: how to sign in (the demo issuer or an OpenID Connect provider) and the map's tile server.
 */
@NullMarked
package org.carerota.api.page;

import org.jspecify.annotations.NullMarked;
