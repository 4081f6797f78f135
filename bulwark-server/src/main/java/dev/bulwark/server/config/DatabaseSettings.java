package dev.bulwark.server.config;

/**
 * @param url      JDBC URL: {@code jdbc:sqlite:...} (default, in the data directory) or {@code jdbc:postgresql://...}
 * @param user     database user (PostgreSQL)
 * @param password database password; {@code ${ENV_VAR}} reads it from the environment so it stays out of the file
 */
public record DatabaseSettings(String url, String user, String password) {
    public DatabaseSettings {
        url = url == null || url.isBlank() ? null : url;
        if (url != null && !url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database.url must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        password = Environment.expand(password, "database.password");
    }

    /** JDBC connection properties carrying the user and password, for drivers opened by URL. */
    public java.util.Properties connectionProperties() {
        java.util.Properties p = new java.util.Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }
}
