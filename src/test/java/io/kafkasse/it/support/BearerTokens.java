package io.kafkasse.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Bearer tokens as an identity provider issues them, signed in the test JVM with keys made for the run: the WAR under
 * test is given the public keys ({@link #publicKeyBase64()}, {@link #jwks()}), the tests sign what they send.
 */
public final class BearerTokens {

    public static final String ISSUER = "https://issuer.test/kafka-sse";
    public static final String AUDIENCE = "kafka-sse";
    public static final String RSA_KID = "rsa-1";
    public static final String EC_KID = "ec-1";

    // The same keys in every JVM of a run: the suite server builds each class's WAR (with the public keys) in its own
    // JVM, and the test JVMs sign with the private ones. Test keys, never secrets: derived from fixed seeds.
    private static final KeyPair RSA = generate("RSA", null, "kafka-sse-rsa");
    private static final KeyPair EC = generate("EC", "secp256r1", "kafka-sse-ec");
    /** A key the service was never given: its tokens must be refused. */
    private static final KeyPair STRANGER = generate("RSA", null, "stranger");

    private BearerTokens() {
    }

    private static KeyPair generate(String algorithm, String curve, String seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(StandardCharsets.US_ASCII));
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve), random);
            } else {
                generator.initialize(2048, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA public key as base64 DER on one line, a form {@code mp.jwt.verify.publickey} takes. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(RSA.getPublic().getEncoded());
    }

    /**
     * The RSA public key in a PEM file, for {@code mp.jwt.verify.publickey.location}: written where the test and the
     * suite server both find it (each JVM writes the same bytes).
     */
    public static Path publicKeyFile() {
        Path file = Path.of(System.getProperty("it.suite.dir", "target/suite")).toAbsolutePath().resolve("token-key.pem");
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), "token-key", ".tmp");
            Files.writeString(written, publicKeyPem());
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The RSA public key in PEM. */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(RSA.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** Both keys as a JWK set, each with its kid. */
    public static String jwks() {
        RSAPublicKey rsa = (RSAPublicKey) RSA.getPublic();
        ECPublicKey ec = (ECPublicKey) EC.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + RSA_KID + "\",\"use\":\"sig\",\"n\":\"" + b64(rsa.getModulus())
                + "\",\"e\":\"" + b64(rsa.getPublicExponent()) + "\"},{\"kty\":\"EC\",\"kid\":\"" + EC_KID
                + "\",\"crv\":\"P-256\",\"x\":\"" + b64(ec.getW().getAffineX(), 32) + "\",\"y\":\""
                + b64(ec.getW().getAffineY(), 32) + "\"}]}";
    }

    /** An RS256 token for this subject and roles, from the trusted issuer to the service, valid until {@code expires}. */
    public static String token(String subject, List<String> groups, Instant expires) {
        return sign("RS256", RSA_KID, claims(subject, groups, ISSUER, AUDIENCE, expires));
    }

    /** A token valid for ten minutes. */
    public static String token(String subject, String... groups) {
        return token(subject, List.of(groups), Instant.now().plusSeconds(600));
    }

    public static String claims(String subject, List<String> groups, String issuer, String audience, Instant expires) {
        return "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "\",\"aud\":\"" + audience
                + "\",\"iat\":" + (Instant.now().getEpochSecond() - 5) + ",\"exp\":" + expires.getEpochSecond()
                + ",\"groups\":[" + groups.stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(",")) + "]}";
    }

    /** Signs these claims with the service's keys: RS256 / PS256 with the RSA key, ES256 with the EC key. */
    public static String sign(String algorithm, String kid, String claims) {
        PrivateKey key = algorithm.startsWith("ES") ? EC.getPrivate() : RSA.getPrivate();
        return sign(algorithm, kid, claims, key);
    }

    /** Signs with a key the service does not know. */
    public static String signByStranger(String claims) {
        return sign("RS256", RSA_KID, claims, STRANGER.getPrivate());
    }

    private static String sign(String algorithm, String kid, String claims, PrivateKey key) {
        String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"" + (kid == null ? "" : ",\"kid\":\"" + kid + "\"") + "}";
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Signature signature = Signature.getInstance(switch (algorithm) {
                case "RS256" -> "SHA256withRSA";
                case "PS256" -> "RSASSA-PSS";
                case "ES256" -> "SHA256withECDSAinP1363Format";
                default -> throw new IllegalArgumentException(algorithm);
            });
            if (algorithm.equals("PS256")) {
                signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with no signature at all ({@code "alg":"none"}): must never be accepted. */
    public static String unsigned(String claims) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims) + ".";
    }

    public static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(BigInteger number) {
        byte[] bytes = number.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(BigInteger number, int length) {
        byte[] bytes = number.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, fixed, length - copy, copy);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
}
