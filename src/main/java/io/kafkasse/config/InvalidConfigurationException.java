package io.kafkasse.config;

/** A configuration value the service cannot run with; the message names the key, the value and what was expected. */
public class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String key, String value, String expected) {
        super("Invalid configuration " + key + "=" + value + ": " + expected);
    }
}
