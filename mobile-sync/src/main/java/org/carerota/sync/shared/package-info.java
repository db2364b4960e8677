/** Small pieces the features share: settings, JSON codec, device registration, carer lookup. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.shared;
