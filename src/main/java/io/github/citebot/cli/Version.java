package io.github.citebot.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, with the model it embeds with. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"citebot " + (v == null ? "dev" : v) + " (default model all-MiniLM-L6-v2 on ONNX Runtime, Java "
                + Runtime.version().feature() + ")"};
    }
}
