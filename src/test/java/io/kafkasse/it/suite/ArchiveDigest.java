package io.kafkasse.it.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.ArchiveAsset;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * What an archive holds, as one SHA-256 over every entry's path and its bytes' SHA-256 (nested archives entry by entry,
 * since their zipped form carries the time they were zipped): two archives built the same way have the same digest.
 * The digest of a large asset is kept for the asset: the suite's archives share the built WAR's assets (the same
 * objects, which never change), whose 24 MB of libraries are then read once per JVM, not once per archive.
 */
final class ArchiveDigest {

    /** Assets smaller than this (a test's configuration, the WAR's classes) are read each time: cheap, and many. */
    private static final int KEPT_FROM = 64 * 1024;
    private static final Map<Asset, byte[]> KEPT = new IdentityHashMap<>();

    private ArchiveDigest() {
    }

    static String of(Archive<?> archive) {
        MessageDigest digest = sha256();
        add(digest, "", archive);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static byte[] contentDigest(String path, Asset asset) {
        synchronized (KEPT) {
            byte[] kept = KEPT.get(asset);
            if (kept != null) {
                return kept;
            }
        }
        byte[] bytes;
        try (InputStream in = asset.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + path, e);
        }
        byte[] digest = sha256().digest(bytes);
        if (bytes.length >= KEPT_FROM) {
            synchronized (KEPT) {
                KEPT.put(asset, digest);
            }
        }
        return digest;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(MessageDigest digest, String prefix, Archive<?> archive) {
        Map<String, Asset> assets = new TreeMap<>();
        for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
            Asset asset = entry.getValue().getAsset();
            if (asset != null) {
                assets.put(entry.getKey().get(), asset);
            }
        }
        for (Map.Entry<String, Asset> entry : assets.entrySet()) {
            String path = prefix + entry.getKey();
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            if (entry.getValue() instanceof ArchiveAsset nested) {
                add(digest, path + "!", nested.getArchive());
            } else {
                digest.update(contentDigest(path, entry.getValue()));
            }
        }
    }
}
