"""InVesalius 3 projects (.inv3: a gzip'd tar holding main.plist and a raw int16 `matrix.dat`).

The Debian package invesalius-examples ships a real head CT this way (GPL-2: installed by `make data-extra`,
never committed). The matrix is stored (slice, row, column) with rows running posterior-to-anterior (InVesalius
flips the usual DICOM row direction) and slices inferior-to-superior; columns are taken to run right-to-left as in
DICOM, which the file cannot confirm.
"""

from __future__ import annotations

import plistlib
import tarfile
from pathlib import Path

import numpy as np
import numpy.typing as npt

from xraymatch.errors import InputError

DEBIAN_CRANIUM = Path("/usr/share/doc/invesalius-examples/examples/Cranium.inv3")


def read_inv3(path: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], dict[str, str]]:
    """Return (HU array (X, Y, Z), voxel-to-RAS affine, technical fields) of an InVesalius project."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {Path(m.name).name: m for m in archive.getmembers() if m.isfile()}
            if "main.plist" not in members:
                raise InputError(f"{path}: no main.plist inside; not an InVesalius 3 project")
            main_file = archive.extractfile(members["main.plist"])
            assert main_file is not None
            main = plistlib.loads(main_file.read())
            matrix = main.get("matrix", {})
            name = str(matrix.get("filename", "matrix.dat"))
            shape = tuple(int(v) for v in matrix.get("shape", ()))
            dtype = np.dtype(str(matrix.get("dtype", "int16")))
            raw_file = archive.extractfile(members[name]) if name in members else None
            if raw_file is None or len(shape) != 3:
                raise InputError(f"{path}: main.plist names no 3-D matrix; not a CT project")
            raw = raw_file.read()
    except (tarfile.TarError, OSError, EOFError, plistlib.InvalidFileException) as exc:
        raise InputError(f"{path}: cannot be read as an InVesalius project ({exc.__class__.__name__})") from None
    if len(raw) != int(np.prod(shape)) * dtype.itemsize:
        raise InputError(f"{path}: matrix holds {len(raw)} bytes, {shape} {dtype} needs more; the file is truncated")
    modality = str(main.get("modality", "CT")).upper()
    if modality != "CT":
        raise InputError(f"{path}: modality {modality}, not CT")
    zyx = np.frombuffer(raw, dtype=dtype).reshape(shape)
    array = np.ascontiguousarray(zyx.transpose(2, 1, 0), dtype=np.float64)  # (column, row, slice)
    sx, sy, sz = (float(v) for v in main["spacing"])
    affine = np.diag([-sx, sy, sz, 1.0])  # columns -> left, rows -> anterior, slices -> superior
    affine[:3, 3] = -(np.asarray(array.shape) - 1) / 2 * np.array([-sx, sy, sz])
    return array, affine, {"modality": "CT"}
