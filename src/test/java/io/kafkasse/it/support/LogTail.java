package io.kafkasse.it.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** What a server wrote to its log after a mark: a test takes the log's length, acts, then reads what followed. */
public final class LogTail {

    private LogTail() {
    }

    /** The log's length now, the mark for {@link #linesFrom}. */
    public static long mark(Path log) {
        return log.toFile().length();
    }

    /** The lines written from {@code offset} on. */
    public static List<String> linesFrom(Path log, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(Math.min(offset, file.length()));
            byte[] rest = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8).lines().toList();
        }
    }
}
