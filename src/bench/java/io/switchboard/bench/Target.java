package io.switchboard.bench;

/** Where a step sends its requests, and the one pre-encoded request it sends there. */
record Target(String name, String host, int port, String path, String authorization, byte[] body) {

    byte[] request() {
        return RawHttpConnection.post(host, port, path, authorization, body);
    }

    String url() {
        return "http://" + host + ":" + port + path;
    }

    Target withPort(int other) {
        return new Target(name, host, other, path, authorization, body);
    }

    Target withBody(byte[] other) {
        return new Target(name, host, port, path, authorization, other);
    }
}
