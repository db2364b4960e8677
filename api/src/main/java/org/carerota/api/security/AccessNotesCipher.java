package org.carerota.api.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for access notes (key safe codes). Layout of a ciphertext: a 12-byte random nonce,
 * then the encrypted text with its 16-byte tag. The service user's id is the associated data, so
 * a ciphertext copied to another person's row does not decrypt.
 */
public final class AccessNotesCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyId;

    /**
     * @param base64Key 32 bytes, base64
     * @param keyId stored beside each ciphertext
     */
    public AccessNotesCipher(String base64Key, String keyId) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("carerota.security.access-notes-key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(
                    "carerota.security.access-notes-key must be 32 bytes (256 bits), not " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.keyId = keyId;
    }

    /** The id of the key that encrypts. */
    public String keyId() {
        return keyId;
    }

    /** Encrypts {@code notes} for the service user {@code owner}. */
    public byte[] encrypt(UUID owner, String notes) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(owner));
            byte[] sealed = cipher.doFinal(notes.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts what {@link #encrypt} made for the same service user.
     *
     * @throws IllegalArgumentException when the key id is another, or the ciphertext was altered
     *     or belongs to someone else
     */
    public String decrypt(UUID owner, byte[] ciphertext, String ciphertextKeyId) {
        if (!keyId.equals(ciphertextKeyId)) {
            throw new IllegalArgumentException(
                    "access notes were encrypted with key " + ciphertextKeyId + ", not the configured " + keyId);
        }
        if (ciphertext.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("access notes ciphertext is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(owner));
            byte[] plain = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("access notes ciphertext does not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] associatedData(UUID owner) {
        return ("carerota/service_users/access_notes/" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
