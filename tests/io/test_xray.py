"""Reading projection X-rays: the real pydicom-data and deid-data radiographs, the display conventions (MONOCHROME1
inverted, VOI window applied), PNG/TIFF round trips, the model input's coordinate scale, and every bad upload."""

from __future__ import annotations

import io
import logging
import struct
import tracemalloc
import zlib
from pathlib import Path

import numpy as np
import pydicom
import pytest
import tifffile
from PIL import Image
from pydicom.data import get_testdata_file

from xraymatch.io import xray
from xraymatch.io.xray import XrayLimits, prepare_for_model, read_xray, read_xray_file


def radiograph(name: str) -> Path:
    return Path(str(get_testdata_file(name)))


def cat_path() -> Path:
    import deid_data

    return Path(deid_data.__file__).parent / "data" / "animals" / "cat.dcm"


def dicom_bytes(ds: pydicom.Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def png_bytes(array: np.ndarray, mode: str | None = None) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(array, mode=mode).save(buffer, format="PNG")
    return buffer.getvalue()


def tiff_bytes(array: np.ndarray, **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, array, **kwargs)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def chest() -> xray.XrayImage:
    return read_xray_file(radiograph("RG1_UNCR.dcm"))


@pytest.mark.parametrize(
    ("name", "shape", "bits"),
    [("RG1_UNCR.dcm", (1955, 1841), 15), ("RG1_J2KI.dcm", (1955, 1841), 15), ("RG3_UNCR.dcm", (1760, 1760), 10)],
)
def test_real_radiographs_read_as_display_pixels(name: str, shape: tuple[int, int], bits: int) -> None:
    image = read_xray_file(radiograph(name))
    assert image.source_format == "dicom" and image.modality == "CR" and image.bits == bits
    assert image.pixels.shape == image.original_shape == shape
    assert image.pixels.dtype == np.float32
    assert 0.0 <= image.pixels.min() < 0.3 and 0.9 < image.pixels.max() <= 1.0


def test_monochrome1_chest_is_inverted_so_lungs_are_dark(chest: xray.XrayImage) -> None:
    x = chest.pixels
    h, w = x.shape
    rows = slice(int(0.3 * h), int(0.55 * h))
    lung_left = x[rows, int(0.25 * w) - 50 : int(0.25 * w) + 50].mean()
    lung_right = x[rows, int(0.72 * w) - 50 : int(0.72 * w) + 50].mean()
    mediastinum = x[rows, w // 2 - 50 : w // 2 + 50].mean()
    assert mediastinum > lung_left + 0.15 and mediastinum > lung_right + 0.15


def test_photometric_interpretation_decides_the_polarity(chest: xray.XrayImage) -> None:
    ds = pydicom.dcmread(radiograph("RG1_UNCR.dcm"))
    ds.PhotometricInterpretation = "MONOCHROME2"
    flipped = read_xray(dicom_bytes(ds)).pixels
    np.testing.assert_allclose(flipped, 1.0 - chest.pixels, atol=1e-6)


def test_voi_window_is_applied(chest: xray.XrayImage) -> None:
    ds = pydicom.dcmread(radiograph("RG1_UNCR.dcm"))
    ds.WindowCenter, ds.WindowWidth = 15000, 10000  # narrower window: more pixels saturate at both ends
    narrow = read_xray(dicom_bytes(ds)).pixels
    saturated = lambda x: float(((x <= 0.0) | (x >= 1.0)).mean())  # noqa: E731
    assert saturated(narrow) > saturated(chest.pixels) + 0.1
    del ds.WindowCenter, ds.WindowWidth  # no window: the data range is stretched to [0, 1]
    plain = read_xray(dicom_bytes(ds)).pixels
    assert plain.min() == 0.0 and plain.max() == 1.0


def test_lossy_and_lossless_jpeg2000_match_the_uncompressed_image(chest: xray.XrayImage) -> None:
    lossless = read_xray_file(radiograph("RG1_J2KR.dcm")).pixels
    lossy = read_xray_file(radiograph("RG1_J2KI.dcm")).pixels
    assert np.array_equal(lossless, chest.pixels)
    difference = np.abs(lossy - chest.pixels)
    assert 0.0 < difference.mean() < 0.005 and difference.max() < 0.05


def test_veterinary_dx_radiograph() -> None:
    image = read_xray_file(cat_path())
    assert image.modality == "DX" and image.bits == 12 and image.pixels.shape == (2614, 3072)


def test_png_8_and_16_bit_round_trip() -> None:
    ramp8 = np.tile(np.arange(256, dtype=np.uint8), (20, 1))
    image = read_xray(png_bytes(ramp8), "ramp.png")
    assert image.source_format == "png" and image.bits == 8 and image.modality is None
    np.testing.assert_allclose(image.pixels, ramp8 / 255.0, atol=1e-6)
    ramp12 = np.tile(np.arange(0, 4096, 16, dtype=np.uint16), (20, 1))  # 12-bit data in a 16-bit PNG
    image = read_xray(png_bytes(ramp12), "ramp16.png")
    assert image.bits == 16
    np.testing.assert_allclose(image.pixels, ramp12 / 4095.0, atol=1e-6)


def test_grey_saved_as_rgb_is_accepted_and_colour_refused() -> None:
    grey = np.tile(np.arange(64, dtype=np.uint8)[None, :, None] * 4, (32, 1, 3))
    np.testing.assert_allclose(read_xray(png_bytes(grey)).pixels, grey[..., 0] / 255.0, atol=1e-6)
    colour = grey.copy()
    colour[..., 0] = 255 - colour[..., 0]
    with pytest.raises(xray.NotXray, match="colour"):
        read_xray(png_bytes(colour), "photo.png")


def test_tiff_16_bit_and_miniswhite() -> None:
    rng = np.random.default_rng(0)
    data = rng.integers(0, 65535, size=(40, 50), dtype=np.uint16)
    image = read_xray(tiff_bytes(data), "x.tif")
    assert image.source_format == "tiff" and image.bits == 16 and image.original_shape == (40, 50)
    np.testing.assert_allclose(image.pixels, data / 65535.0, atol=1e-6)
    inverted = read_xray(tiff_bytes(data, photometric="miniswhite"), "x.tif")
    np.testing.assert_allclose(inverted.pixels, 1.0 - data / 65535.0, atol=1e-6)


def test_prepare_for_model_keeps_coordinates_exact() -> None:
    """A bright block covering columns [40, 50) and rows [120, 140) of a 200 x 100 image has its centroid at
    (45, 130) in continuous pixel coordinates; in the 64 x 64 model input it must map back there."""
    pixels = np.full((200, 100), 0.2, dtype=np.float32)
    pixels[120:140, 40:50] = 0.9
    pixels[0, 0] = 0.0
    image = xray.XrayImage(pixels, "png", None, (200, 100), 8)
    tensor, (sx, sy) = prepare_for_model(image, 64)
    assert tensor.shape == (1, 1, 64, 64) and tensor.dtype.is_floating_point
    assert float(tensor.min()) >= 0.0 and float(tensor.max()) <= 1.0
    assert (sx, sy) == (100 / 64, 200 / 64)
    weights = (tensor[0, 0] - tensor[0, 0].median()).clamp_min(0).numpy()
    rows, cols = np.indices(weights.shape)
    x_model = ((cols + 0.5) * weights).sum() / weights.sum()
    y_model = ((rows + 0.5) * weights).sum() / weights.sum()
    assert abs(x_model * sx - 45.0) < 0.3 and abs(y_model * sy - 130.0) < 0.3


def test_real_radiograph_model_input_is_normalised(chest: xray.XrayImage) -> None:
    tensor, (sx, sy) = prepare_for_model(chest, 128)
    assert tensor.shape == (1, 1, 128, 128)
    assert (sx, sy) == (1841 / 128, 1955 / 128)
    assert float(tensor.min()) == 0.0 and float(tensor.max()) == 1.0


# ---- bad inputs: each one is a one-line InputError naming the upload -------------------------------------------


def test_empty_and_non_images() -> None:
    with pytest.raises(xray.EmptyUpload, match=r"^up\.dcm: empty upload"):
        read_xray(b"", "up.dcm")
    with pytest.raises(xray.NotAnImage, match="not an image"):
        read_xray(b"hello, this is a text file" * 10, "notes.txt")
    with pytest.raises(xray.NotAnImage, match="JPEG is not accepted"):
        read_xray(b"\xff\xd8\xff\xe0" + b"\x00" * 100, "photo.jpg")


def test_too_many_bytes() -> None:
    data = radiograph("RG3_J2KI.dcm").read_bytes()
    with pytest.raises(xray.TooManyBytes, match="larger than 0 MiB"):
        read_xray(data, "big.dcm", XrayLimits(max_bytes=1000))


@pytest.mark.parametrize("name", ["RG1_UNCR.dcm", "RG1_J2KI.dcm"])
def test_truncated_dicom(name: str) -> None:
    data = radiograph(name).read_bytes()
    for cut in (len(data) // 2, 300, 140):
        with pytest.raises((xray.CorruptImage, xray.NoPixelData)):
            read_xray(data[:cut], "cut.dcm")


def test_corrupt_compressed_pixel_data() -> None:
    ds = pydicom.dcmread(radiograph("RG3_J2KI.dcm"))
    frame = bytearray(ds.PixelData)
    frame[200:-200] = bytes(len(frame) - 400)  # zero the codestream between its header and its end
    ds.PixelData = bytes(frame)
    with pytest.raises(xray.XrayInputError):
        read_xray(dicom_bytes(ds), "damaged.dcm")


def test_dicom_without_pixel_data() -> None:
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    del ds.PixelData
    with pytest.raises(xray.NoPixelData, match="without pixel data"):
        read_xray(dicom_bytes(ds), "report.dcm")


@pytest.mark.parametrize("modality", ["CT", "MR", "US", "NM", "PT"])
def test_non_xray_modality_is_refused(modality: str) -> None:
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    ds.Modality = modality
    with pytest.raises(xray.NotXray, match=f"not a projection X-ray \\(Modality {modality}\\)"):
        read_xray(dicom_bytes(ds), "slice.dcm")


def test_real_ct_and_mr_files_are_refused() -> None:
    for name, modality in (("CT_small.dcm", "CT"), ("MR_small.dcm", "MR")):
        with pytest.raises(xray.NotXray, match=f"Modality {modality}"):
            read_xray_file(radiograph(name))


def test_header_claiming_30000_squared_is_refused_without_decoding() -> None:
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    ds.Rows = ds.Columns = 30000
    data = dicom_bytes(ds)
    tracemalloc.start()
    try:
        with pytest.raises(xray.BadDimensions, match="above 16384 pixels"):
            read_xray(data, "huge.dcm")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 1024 * 1024  # decoding 30000^2 16-bit pixels would take 1.8 GB


def _png_with_header(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims width x height (8-bit grey) with a tiny (invalid) image stream."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10))
        + chunk(b"IEND", b"")
    )


def test_png_and_tiff_headers_claiming_huge_sizes() -> None:
    with pytest.raises(xray.BadDimensions, match="above 16384"):
        read_xray(_png_with_header(30000, 30000), "huge.png")
    with pytest.raises(xray.BadDimensions, match="Mpixel"):
        read_xray(_png_with_header(16000, 16000), "huge.png")
    buffer = io.BytesIO(tiff_bytes(np.zeros((16, 16), dtype=np.uint16)))
    with tifffile.TiffFile(buffer, mode="r+b") as tif:
        tif.pages[0].tags["ImageWidth"].overwrite(30000)
        tif.pages[0].tags["ImageLength"].overwrite(30000)
    with pytest.raises(xray.BadDimensions, match="above 16384"):
        read_xray(buffer.getvalue(), "huge.tif")


def test_one_pixel_images() -> None:
    with pytest.raises(xray.BadDimensions, match="smaller than 16 pixels"):
        read_xray(png_bytes(np.array([[7]], dtype=np.uint8)), "dot.png")
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    ds.Rows = ds.Columns = 1
    ds.PixelData = b"\x00\x01"
    with pytest.raises(xray.BadDimensions, match="smaller than 16 pixels"):
        read_xray(dicom_bytes(ds), "dot.dcm")


def test_constant_and_nan_images() -> None:
    with pytest.raises(xray.BlankImage, match="constant"):
        read_xray(png_bytes(np.full((32, 32), 9, dtype=np.uint8)), "flat.png")
    values = np.random.default_rng(1).random((32, 32)).astype(np.float32)
    values[3, 4] = np.nan
    with pytest.raises(xray.BlankImage, match="NaN"):
        read_xray(tiff_bytes(values), "nan.tif")


def test_multi_frame_and_multi_page_are_refused() -> None:
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    ds.NumberOfFrames = 2
    with pytest.raises(xray.UnsupportedImage, match="multi-frame"):
        read_xray(dicom_bytes(ds), "cine.dcm")
    buffer = io.BytesIO()
    with tifffile.TiffWriter(buffer) as tif:
        for _ in range(2):
            tif.write(np.arange(400, dtype=np.uint16).reshape(20, 20))
    with pytest.raises(xray.UnsupportedImage, match="multi-page"):
        read_xray(buffer.getvalue(), "stack.tif")


def test_errors_are_one_line_and_nothing_from_the_header_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    ds.PatientName = "Secretname^Planted"
    with pytest.warns(UserWarning, match="Planted"):  # an invalid AS value: pydicom warns quoting it
        ds.PatientAge = "not-an-age-Planted"
    ds.WindowCenter = "12345678"
    # an invalid DS value that the windowing reads (patched in the bytes: pydicom refuses to write it)
    uploads = [dicom_bytes(ds).replace(b"12345678", b"Planted!")]
    ds.Modality = "CT"
    uploads.append(dicom_bytes(ds))
    caplog.clear()
    caplog.set_level(logging.DEBUG)
    for data in uploads:
        with pytest.raises(xray.XrayInputError) as info:
            read_xray(data, "upload")
        assert "\n" not in str(info.value) and str(info.value).startswith("upload: ")
        assert "Planted" not in str(info.value)
    assert "Planted" not in caplog.text


def test_injected_modality_is_not_echoed() -> None:
    ds = pydicom.dcmread(radiograph("RG3_UNCR.dcm"))
    with pytest.warns(UserWarning):
        ds.Modality = "<script>alert(1)</script>"
    with pytest.raises(xray.NotXray, match="Modality unreadable"):
        read_xray(dicom_bytes(ds), "x.dcm")


def test_upload_name_cannot_break_the_one_line_error() -> None:
    with pytest.raises(xray.EmptyUpload) as info:
        read_xray(b"", "evil\nname.dcm")
    assert "\n" not in str(info.value) and str(info.value).startswith("evil?name.dcm: ")
