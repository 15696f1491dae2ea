"""Runs the real `curl` against a Sluice server and reads back the final response."""
import subprocess


class Reply:
    """What curl received: status, headers (lower-case names, every value) and body."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        values = self.headers.get(name.lower(), [])
        return values[-1] if values else None

    @property
    def media_type(self):
        return (self.header("content-type") or "").split(";")[0].strip()

    def cookie(self, name):
        for value in self.headers.get("set-cookie", []):
            if value.startswith(name + "="):
                return value.split(";", 1)[0][len(name) + 1 :]
        return None


def run_curl(url, *options, folder, timeout=60, reply=Reply):
    """Runs `curl -sS [options] <url>`, keeping headers and body in `folder`, and returns the final response."""
    headers_file, body_file = folder / "headers.txt", folder / "body.bin"
    result = subprocess.run(
        ["curl", "-sS", "-D", str(headers_file), "-o", str(body_file), *options, url],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr
    # The last header block is the final response (an earlier one may be `100 Continue`).
    block = headers_file.read_text(encoding="latin-1").replace("\r\n", "\n").strip().split("\n\n")[-1]
    status_line, *lines = block.split("\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return reply(int(status_line.split()[1]), headers, body_file.read_bytes().decode("utf-8"))
