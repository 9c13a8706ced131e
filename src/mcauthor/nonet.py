"""No network for the process that runs the PDF engine.

Typst downloads ``@preview/...`` packages on demand, and a catalog's guide template can
build such an import at run time, where no text scan sees it. So the engine only ever runs
in a worker process that first calls :func:`deny`:

- On Linux (x86-64 and ARM64), a seccomp filter makes every ``socket()`` call fail with
  "permission denied" for the rest of the process's life: no connection, not even a DNS
  lookup, can start. It needs no privileges (``PR_SET_NO_NEW_PRIVS`` comes first).
- Elsewhere, or when the kernel refuses the filter, every proxy variable points at a
  closed port on this machine, so the engine's downloads fail at once without a DNS
  lookup; the guide templates are also scanned for package imports before any compile
  (see ``mcauthor.pdf.render``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import platform
import struct
import sys

# From linux/prctl.h, linux/seccomp.h, linux/filter.h and linux/audit.h.
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
BPF_RET_K = 0x06  # BPF_RET | BPF_K
X32_BIT = 0x40000000  # x86-64's x32 system calls: none of ours use them

# machine -> (AUDIT_ARCH_*, the number of socket())
_ARCHES = {
    "x86_64": (0xC000003E, 41),
    "amd64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
    "arm64": (0xC00000B7, 198),
}
CLOSED_PROXY = "http://127.0.0.1:9"  # the discard port: refused at once, nothing leaves


def _instruction(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def _program(arch: int, socket_nr: int) -> bytes:
    deny = SECCOMP_RET_ERRNO | errno.EACCES
    return b"".join(
        [
            _instruction(BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
            _instruction(BPF_JEQ_K, 1, 0, arch),
            _instruction(BPF_RET_K, 0, 0, deny),  # another ABI (32-bit calls): none
            _instruction(BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
            _instruction(BPF_JGE_K, 2, 0, X32_BIT),
            _instruction(BPF_JEQ_K, 1, 0, socket_nr),
            _instruction(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
            _instruction(BPF_RET_K, 0, 0, deny),
        ]
    )


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _seccomp() -> bool:
    """Install the filter; True when the kernel took it."""
    if not sys.platform.startswith("linux"):
        return False
    found = _ARCHES.get(platform.machine().lower())
    if found is None:
        return False
    code = _program(*found)
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    buffer = ctypes.create_string_buffer(code, len(code))
    program = _Program(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    done = libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0)
    return bool(done == 0)


def _closed_proxies() -> None:
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy"):
        os.environ[name] = CLOSED_PROXY
    for name in ("NO_PROXY", "no_proxy"):
        os.environ.pop(name, None)


def deny() -> str:
    """Cut this process off the network for good; says how ("seccomp" or "proxy")."""
    _closed_proxies()  # first: also covers the engine if the filter below is refused
    try:
        if _seccomp():
            return "seccomp"
    except (OSError, AttributeError):
        pass
    return "proxy"
