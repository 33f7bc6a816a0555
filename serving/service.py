"""xraymatch's BentoML service: multipart uploads in, JSON out; the logic lives in `xraymatch.inference`.

    POST /embed     image                          -> {"embedding": [...], "dim", "model_version"}
    POST /match     view_a, view_b, top_k (opt.)   -> {"matches": [{xa, ya, xb, yb, score}], "model_version"}
    POST /locate    template, query, points (JSON) -> {"points": [{x, y, score}], "model_version"}
    POST /classify  views (two or more files)      -> {"fracture_probability", "model_version"}
    BentoML's own: /livez, /readyz, /metrics (with the drift gauges), the OpenAPI page at / and /docs.json

Every bad input is a 4xx `{"error": "<one line>"}` (413 too large, 415 not multipart, 503 model not packaged or
overloaded, 400 for everything else), never a 500. The form is parsed here, not by BentoML, because BentoML's own
parsing answers bad forms in another shape, fetches URLs given in place of files and logs tracebacks; the declared
`input_spec` models only document the fields for the OpenAPI page. Only the model calls are batched
(`inference.batching.ModelBatcher`), so one bad upload never fails another request. Logs name the endpoint, the
status and the error type: never a file name, a header value, an error message quoting the input, or pixels.

Run: `make serve` (= `bentoml serve serving.service:XrayMatch` from the repository root). Parameters: params.yaml
`serving:` ($XRAYMATCH_PARAMS points elsewhere); bundles: serving/bundles or $XRAYMATCH_BUNDLES.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import bentoml
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse

from xraymatch.errors import InputError
from xraymatch.inference.config import load_serving_params

PARAMS, CONFIG = load_serving_params()
log = logging.getLogger("xraymatch.serving")
MAX_TEXT_FIELD = 256 * 1024  # bytes of a non-file field (points)


# --- request errors that only HTTP has -------------------------------------------------------------------------------


class UnsupportedMediaType(InputError):
    """The request body is not multipart/form-data."""


class PayloadTooLarge(InputError):
    """The request body is over serving.max_upload_mb."""


class LengthRequired(InputError):
    """No Content-Length: the size limit cannot be checked before reading."""


def http_status(exc: InputError) -> int:
    """The status code of a handled error: 413/415/411/503 for their kinds, 400 for any other bad input."""
    from xraymatch.inference.batching import Overloaded
    from xraymatch.inference.models import ModelMissing
    from xraymatch.io.xray import TooManyBytes

    kinds: tuple[tuple[type[Exception] | tuple[type[Exception], ...], int], ...] = (
        ((PayloadTooLarge, TooManyBytes), 413),
        (UnsupportedMediaType, 415),
        (LengthRequired, 411),
        ((ModelMissing, Overloaded), 503),
    )
    return next((status for kind, status in kinds if isinstance(exc, kind)), 400)


# --- OpenAPI documentation of the forms and answers ------------------------------------------------------------------


class _Form(bentoml.IODescriptor):
    """A multipart form documented for OpenAPI but parsed by the service itself (see the module docstring)."""

    @classmethod
    async def from_http_request(cls, request: Request, serde: Any) -> Any:
        return cls.model_construct(**dict.fromkeys(cls.model_fields))


XRAY = "a radiograph: DICOM (CR/DX/DR, Part 10), PNG (8/16-bit grey) or TIFF (16-bit grey)"


class EmbedForm(_Form):
    image: Path = Field(description=XRAY)


class MatchForm(_Form):
    view_a: Path = Field(description=XRAY)
    view_b: Path = Field(description=XRAY)
    top_k: int = Field(default=50, ge=1, le=1000, description="matches returned, best first (1..1000)")


class LocateForm(_Form):
    template: Path = Field(description=XRAY + " where the points are given")
    query: Path = Field(description=XRAY + " where they are searched")
    points: str = Field(description="JSON list of [x, y] template pixels (x = column, y = row), e.g. [[120, 80]]")


class ClassifyForm(_Form):
    views: list[Path] = Field(description="two or more views of one study, each " + XRAY)


class EmbedAnswer(BaseModel):
    embedding: list[float]
    dim: int
    model_version: str


class Match(BaseModel):
    xa: float
    ya: float
    xb: float
    yb: float
    score: float


class MatchAnswer(BaseModel):
    matches: list[Match]
    model_version: str


class LocatedPoint(BaseModel):
    x: float
    y: float
    score: float


class LocateAnswer(BaseModel):
    points: list[LocatedPoint]
    model_version: str


class ClassifyAnswer(BaseModel):
    fracture_probability: float
    model_version: str


# --- the service -----------------------------------------------------------------------------------------------------

After = Callable[[], Any] | None  # after-response work (monitoring): a plain or an async function
Work = Callable[[Any], Awaitable[tuple[dict[str, Any], After]]]


@bentoml.service(name="xraymatch", workers=CONFIG.workers, traffic={"timeout": CONFIG.timeout_s})
class XrayMatch:
    """The four endpoints over the packaged bundles (multiview, sam required; fracture optional)."""

    def __init__(self) -> None:
        from functools import partial

        import torch

        from xraymatch.inference import FORWARDS, ModelSet, bundles_dir
        from xraymatch.inference.batching import ModelBatcher
        from xraymatch.inference.recording import RequestRecorder

        _quiet_third_party_logs()
        torch.set_grad_enabled(False)
        if CONFIG.torch_threads:
            torch.set_num_threads(CONFIG.torch_threads)
        self.config = CONFIG
        self.limits = CONFIG.limits()
        self.models = ModelSet.load(bundles_dir(CONFIG.bundles_dir))
        batching = CONFIG.batching
        self.batchers = {
            name: ModelBatcher(
                partial(FORWARDS[name], bundle),
                batching.max_batch_size,
                batching.max_latency_ms,
                batching.enabled,
                name=name,
            )
            for name, bundle in self.models.bundles.items()
        }
        self.recorder = RequestRecorder.create(PARAMS, self.models.get("sam").version, enabled=CONFIG.monitoring)
        log.info("xraymatch service ready: models %s, batching %s", self.models.versions(), batching)

    # endpoints -------------------------------------------------------------------------------------------------------

    @bentoml.api(route="/embed", input_spec=EmbedForm, output_spec=EmbedAnswer)
    async def embed(self, ctx: bentoml.Context, **_: Any) -> JSONResponse:
        """Global SAM embedding of one radiograph (the vector the drift monitor compares)."""
        return await self._handle("embed", ctx, {"image"}, self._embed)

    @bentoml.api(route="/match", input_spec=MatchForm, output_spec=MatchAnswer)
    async def match(self, ctx: bentoml.Context, **_: Any) -> JSONResponse:
        """Corresponding points of two views, each in its own pixels (mutual nearest patches, sub-patch refined)."""
        return await self._handle("match", ctx, {"view_a", "view_b", "top_k"}, self._match)

    @bentoml.api(route="/locate", input_spec=LocateForm, output_spec=LocateAnswer)
    async def locate(self, ctx: bentoml.Context, **_: Any) -> JSONResponse:
        """Where template points lie in the query image (query pixels), with a similarity score."""
        return await self._handle("locate", ctx, {"template", "query", "points"}, self._locate)

    @bentoml.api(route="/classify", input_spec=ClassifyForm, output_spec=ClassifyAnswer)
    async def classify(self, ctx: bentoml.Context, **_: Any) -> JSONResponse:
        """Probability of a (synthetic-proxy) fracture from two or more views of one study."""
        return await self._handle("classify", ctx, {"views"}, self._classify)

    # the work of each endpoint (decode in a worker thread, batched model call, finish) ----------------------------

    async def _embed(self, form: Any) -> tuple[dict[str, Any], After]:
        from xraymatch.inference import finish_embed, prepare_embed

        sam = self.models.get("sam")
        (image,) = await self._decode(form, ["image"])
        prepared = await _thread(prepare_embed, sam, image)
        answer = finish_embed(sam, await self.batchers["sam"](prepared.inputs))
        return answer, self.recorder.job([image], [answer["embedding"]], "embed")

    async def _match(self, form: Any) -> tuple[dict[str, Any], After]:
        from xraymatch.inference import finish_match, parse_top_k, prepare_match

        multiview = self.models.get("multiview")
        top_k = parse_top_k(_text(form, "top_k", required=False))
        image_a, image_b = await self._decode(form, ["view_a", "view_b"])
        prepared = await _thread(prepare_match, multiview, image_a, image_b)
        matrix = await self.batchers["multiview"](prepared.inputs)
        answer = await _thread(finish_match, multiview, prepared, matrix, top_k)
        return answer, self._record_later([image_a, image_b], "match")

    async def _locate(self, form: Any) -> tuple[dict[str, Any], After]:
        from xraymatch.inference import finish_locate, parse_points, prepare_locate
        from xraymatch.inference.endpoints import pooled_embedding

        sam = self.models.get("sam")
        points_text = _text(form, "points", required=True)
        template, query = await self._decode(form, ["template", "query"])
        height, width = template.pixels.shape
        points = parse_points(points_text, width=width, height=height)
        prepared = await _thread(prepare_locate, sam, template, query)
        dense = await self.batchers["sam"](prepared.inputs)
        answer = await _thread(finish_locate, sam, prepared, dense, points)
        vectors = pooled_embedding(*dense).tolist()
        return answer, self.recorder.job([template, query], vectors, "locate")

    async def _classify(self, form: Any) -> tuple[dict[str, Any], After]:
        from xraymatch.inference import finish_classify, prepare_classify

        fracture = self.models.get("fracture")
        count = len(form.getlist("views"))
        if count < 2:
            raise InputError(f"views: {count} file(s); send two or more views of one study as repeated 'views' fields")
        if count > self.config.max_views:
            raise InputError(f"views: {count} files; send at most {self.config.max_views}")
        views = await self._decode(form, ["views"] * count, repeated=True)
        prepared = await _thread(prepare_classify, fracture, views)
        answer = finish_classify(fracture, await self.batchers["fracture"](prepared.inputs))
        return answer, self._record_later(views, "classify")

    def _record_later(self, images: list[Any], endpoint: str) -> Callable[[], Awaitable[None]] | None:
        """A monitoring job for images whose embedding the endpoint did not compute (after the answer is sent)."""
        if not self.recorder.enabled:
            return None
        from xraymatch.inference import prepare_embed
        from xraymatch.inference.endpoints import pooled_embedding

        sam, batcher = self.models.get("sam"), self.batchers["sam"]

        async def embed_and_record() -> None:
            import torch

            inputs = torch.cat([(await _thread(prepare_embed, sam, image)).inputs for image in images])
            vectors = pooled_embedding(*(await batcher(inputs))).tolist()
            job = self.recorder.job(images, vectors, endpoint)
            if job is not None:
                await _thread(job)

        return embed_and_record

    @bentoml.on_shutdown
    def _close(self) -> None:
        self.recorder.close()

    # plumbing ---------------------------------------------------------------------------------------------------

    async def _handle(self, endpoint: str, ctx: bentoml.Context, fields: set[str], work: Work) -> JSONResponse:
        """Parse the form, run the endpoint's work, answer JSON; every handled error is a one-line 4xx/503."""
        request = ctx.request
        form = None
        try:
            form = await self._read_form(request, fields)
            answer, after = await work(form)
            response = JSONResponse(answer)
            if after is not None:
                response.background = BackgroundTask(_guarded(endpoint, after))
        except InputError as exc:
            status = http_status(exc)
            log.info("POST /%s -> %d (%s)", endpoint, status, type(exc).__name__)
            response = JSONResponse({"error": _one_line(exc)}, status_code=status)
        except Exception as exc:  # a bug, not an input: keep the stack, never the message (it may quote the input)
            log.error("POST /%s -> 500 (%s)\n%s", endpoint, type(exc).__name__, _stack(exc))
            response = JSONResponse({"error": "internal error; see the server log (no input data is logged)"}, 500)
        finally:
            if form is not None:
                await form.close()
        ctx.response.status_code = response.status_code  # BentoML copies the context's status onto the answer
        return response

    async def _read_form(self, request: Request, fields: set[str]) -> Any:
        """The multipart form, after checking the content type and the declared size (no body read before)."""
        content_type = request.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() != "multipart/form-data":
            raise UnsupportedMediaType(
                f"content type '{content_type.split(';')[0].strip()[:64] or 'none'}': send multipart/form-data "
                f"with the fields {', '.join(sorted(fields))}"
            )
        length = request.headers.get("content-length")
        if length is None or not length.strip().isdigit():
            raise LengthRequired("request without a Content-Length; send the form as one sized body")
        if int(length) > self.config.max_upload_bytes:
            raise PayloadTooLarge(f"request of {int(length) / 2**20:.1f} MiB: above {self.config.max_upload_mb:g} MiB")
        try:
            form = await request.form(max_files=self.config.max_views + 2, max_fields=16, max_part_size=MAX_TEXT_FIELD)
        except Exception as exc:  # starlette's MultiPartException, HTTPException or a parser error
            raise InputError(f"malformed multipart body ({type(exc).__name__}); send a standard form upload") from None
        unknown = sorted(set(form.keys()) - fields)
        if unknown:
            await form.close()
            raise InputError(f"unknown field '{unknown[0][:40]}'; this endpoint takes {', '.join(sorted(fields))}")
        return form

    async def _decode(self, form: Any, names: list[str], repeated: bool = False) -> list[Any]:
        """Decode file fields into XrayImages in a worker thread; errors name the field (never the file name)."""
        from starlette.datastructures import UploadFile

        from xraymatch.io.xray import read_xray

        uploads: list[tuple[str, bytes]] = []
        values = form.getlist(names[0]) if repeated else [None] * len(names)
        for index, name in enumerate(names):
            if repeated:
                value, label = values[index], f"{name}[{index}]"
            else:
                found = form.getlist(name)
                if not found:
                    raise InputError(f"{name}: missing; send it as a file field of the multipart form")
                if len(found) > 1:
                    raise InputError(f"{name}: sent {len(found)} times; send one file")
                value, label = found[0], name
            if not isinstance(value, UploadFile):
                raise InputError(f"{label}: a text value where a file is expected; attach the image file")
            uploads.append((label, await value.read()))

        def decode() -> list[Any]:
            return [read_xray(data, name=label, limits=self.limits) for label, data in uploads]

        return await _thread(decode)


# --- helpers ---------------------------------------------------------------------------------------------------------


async def _thread(func: Callable[..., Any], *args: Any) -> Any:
    import anyio

    return await anyio.to_thread.run_sync(func, *args)


def _text(form: Any, name: str, required: bool) -> str | None:
    """A text field's value (None when absent and optional); a file where text is expected is an error."""
    values = form.getlist(name)
    if not values:
        if required:
            raise InputError(f"{name}: missing; send it as a text field of the multipart form")
        return None
    if len(values) > 1:
        raise InputError(f"{name}: sent {len(values)} times; send it once")
    if not isinstance(values[0], str):
        raise InputError(f"{name}: a file where a text value is expected; send it as a plain form field")
    return values[0]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:500] if text else type(exc).__name__


def _stack(exc: BaseException) -> str:
    """The frames of a traceback without the exception's message (which may quote input values)."""
    return "".join(traceback.format_tb(exc.__traceback__))


def _guarded(endpoint: str, job: Callable[[], Any]) -> Callable[[], Awaitable[None]]:
    """Run an after-response job (monitoring) without letting its failure reach the client or the log's content."""
    import inspect

    async def run() -> None:
        try:
            if inspect.iscoroutinefunction(job):
                await job()
            else:
                await _thread(job)
        except Exception as exc:
            log.warning("monitoring after POST /%s failed (%s)\n%s", endpoint, type(exc).__name__, _stack(exc))

    return run


def _quiet_third_party_logs() -> None:
    """pydicom may quote header values in its warnings: keep them out of the server log."""
    import warnings

    logging.getLogger("pydicom").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module="pydicom")
