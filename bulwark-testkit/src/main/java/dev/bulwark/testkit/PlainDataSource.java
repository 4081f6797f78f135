package dev.bulwark.testkit;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The parts of {@link DataSource} a test's data source has no use for: no log writer, no timeout, no wrapping. */
abstract class PlainDataSource implements DataSource {

    @Override
    public final PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public final void setLogWriter(PrintWriter out) {
        // nothing to log to: tests read failures from exceptions
    }

    @Override
    public final void setLoginTimeout(int seconds) {
        // connections are local; a timeout would only hide a hang the test should see
    }

    @Override
    public final int getLoginTimeout() {
        return 0;
    }

    @Override
    public final Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public final <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public final boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
