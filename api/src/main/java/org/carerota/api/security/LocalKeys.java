package org.carerota.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * Keys kept outside the database, in files readable by their owner only: the demo issuer's RSA
 * signing key and the demo access-notes key. Each is generated on first use and read back after
 * that, so tokens and encrypted notes survive restarts.
 */
final class LocalKeys {

    static final String SIGNING_KEY_FILE = "jwt-signing-key.pem";
    static final String ACCESS_NOTES_KEY_FILE = "access-notes.key";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    LocalKeys(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    /** The RSA key pair of the demo issuer (2048 bits), created on first use. */
    synchronized KeyPair signingKeyPair() {
        Path file = directory.resolve(SIGNING_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                KeyPair pair = generator.generateKeyPair();
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                writeSecret(file, pem);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the demo signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the demo signing key " + file + " is not an RSA private key", e);
        }
    }

    /** A base64 AES-256 key for access notes, created on first use. */
    synchronized String accessNotesKey() {
        Path file = directory.resolve(ACCESS_NOTES_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                writeSecret(file, Base64.getEncoder().encodeToString(key) + "\n");
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the demo access-notes key " + file, e);
        }
    }

    private void writeSecret(Path file, String content) throws IOException {
        Files.createDirectories(directory);
        restrict(directory, "rwx------");
        Path temporary = Files.createTempFile(directory, ".key", ".tmp");
        try {
            restrict(temporary, "rw-------");
            Files.writeString(temporary, content, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException e) {
                // another instance wrote it first: keep theirs
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrict(Path path, String permissions) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's own protection applies
        }
    }
}
