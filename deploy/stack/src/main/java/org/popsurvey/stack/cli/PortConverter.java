package org.popsurvey.stack.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A TCP port number, 1 to 65535; anything else is a usage error. */
public final class PortConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a port number");
        }
        if (port < 1 || port > 65535) {
            throw new TypeConversionException(port + " is not a port number (1-65535)");
        }
        return port;
    }
}
