import {
  type AxisWeights,
  checkThreshold,
  cropMap,
  mirrorMap,
  type OpStep,
  type PixelMap,
  quarterTurnMap,
  type Raster,
  resizeWeights,
  rotatedSize,
  type Size,
  tapRange,
  unknownStep,
  watermarkOf,
  type WatermarkStep,
  wrapIndex,
} from "../ops/mod.ts";
import { GpuJobError } from "./gpu_errors.ts";
import { type KernelName, WORKGROUP_SIDE } from "./kernels.ts";
import { type BindingWindow, resizeBands, windowOf } from "./resize_bands.ts";

/** The device limits a plan must respect, read from the device (tests may lower them). */
export interface DeviceLimits {
  /** `maxStorageBufferBindingSize`: the most bytes one shader binding may see. */
  readonly bindingBytes: number;
  /** `maxBufferSize`. */
  readonly bufferBytes: number;
  /** `minStorageBufferOffsetAlignment`: where a binding window may start. */
  readonly storageAlignment: number;
  /** `maxComputeWorkgroupsPerDimension`. */
  readonly maxWorkgroups: number;
}

/**
 * The buffers of a job: the uploaded `source`, the weight `tables` of its resizes, the vertical
 * passes' `sums`, two rasters that steps write in turn (`even` for steps 0, 2, …, `odd`
 * for 1, 3, …), so a chain of any length holds at most two intermediates, and the `mark` of a
 * `watermark` step.
 */
export type BufferRole = "source" | "tables" | "sums" | "even" | "odd" | "mark";

/** A shader binding after the uniform: a buffer and, for rasters, the byte window bound. */
export interface Binding {
  readonly role: BufferRole;
  readonly offset?: number;
  readonly size?: number;
}

/** One compute dispatch: its kernel, uniform words, storage bindings and workgroup counts. */
export interface Dispatch {
  readonly kernel: KernelName;
  readonly params: readonly number[];
  readonly bindings: readonly Binding[];
  readonly groups: readonly [number, number];
}

/** Everything a job encodes, computed before any GPU call. */
export interface JobPlan {
  readonly dispatches: readonly Dispatch[];
  /** All resize tables, each as `first`, `count`, then bit patterns of the f32 weights. */
  readonly tables: Uint32Array<ArrayBuffer>;
  /** Bytes each buffer role needs (0: unused). */
  readonly bytes: Readonly<Record<BufferRole, number>>;
  /** Where the result is and its size. */
  readonly output: Size & { readonly role: BufferRole };
  /** The mark to upload as `mark`, if any. */
  readonly mark?: PlannedMark;
}

/** A watermark's key in `RunOptions.watermarks` and the raster the plan found under it. */
export interface PlannedMark {
  readonly key: string;
  readonly raster: Raster;
}

/** A raster a step reads or writes: its size and the buffer holding it. */
interface Placed extends Size {
  readonly role: BufferRole;
}

/** The plan under construction. */
interface Draft {
  readonly limits: DeviceLimits;
  readonly dispatches: Dispatch[];
  readonly tables: Uint32Array[];
  tableWords: number;
  readonly bytes: Record<BufferRole, number>;
  readonly watermarks: ReadonlyMap<string, Raster>;
  mark?: PlannedMark;
}

/** Bytes of one `vec4<f32>` sum of the vertical pass. */
const SUM_BYTES = 16;

/**
 * Plans `steps` on a `source`-sized raster for a device with `limits`: the same validation as
 * the CPU kernels (the shared geometry throws the same `RangeError`s), then one or more
 * dispatches per step. A source beyond one binding is only accepted by a first `resize`, which
 * reads it in bands of output rows (see {@linkcode resizeBands}).
 *
 * @param watermarks The marks `watermark` steps name (`RunOptions.watermarks`).
 * @throws {RangeError} For parameters the CPU kernels reject too.
 * @throws {GpuJobError} `too-large` when a buffer or a dispatch would exceed `limits`, or when
 * steps name more than one mark.
 */
export function planJob(
  source: Size,
  steps: readonly OpStep[],
  limits: DeviceLimits,
  watermarks: ReadonlyMap<string, Raster> = new Map(),
): JobPlan {
  const draft: Draft = {
    limits,
    dispatches: [],
    tables: [],
    tableWords: 0,
    bytes: { source: rasterBytes(source), tables: 0, sums: 0, even: 0, odd: 0, mark: 0 },
    watermarks,
  };
  if (draft.bytes.source > limits.bufferBytes) {
    tooLarge(`source ${source.width}x${source.height} exceeds the device's largest buffer`);
  }
  let input: Placed = { ...source, role: "source" };
  steps.forEach((step, i) => {
    input = planStep(draft, input, step, i % 2 === 0 ? "even" : "odd");
  });
  const tables = new Uint32Array(draft.tableWords);
  let at = 0;
  for (const part of draft.tables) {
    tables.set(part, at);
    at += part.length;
  }
  draft.bytes.tables = tables.byteLength;
  const { dispatches, bytes, mark } = draft;
  return { dispatches, tables, bytes, output: input, mark };
}

function planStep(draft: Draft, input: Placed, step: OpStep, role: BufferRole): Placed {
  switch (step.op) {
    case "resize":
      return planResize(draft, input, step, role);
    case "mirror":
      return planRemap(draft, input, mirrorMap(input), role);
    case "rotate90":
      return planRemap(draft, input, quarterTurnMap(input, step.quarterTurns), role);
    case "rotate":
      return planRotate(draft, input, step, role);
    case "flatten":
      return planPointwise(draft, input, "flatten", [], role);
    case "gray":
      return planPointwise(draft, input, "gray", [0], role);
    case "bitonal":
      checkThreshold(step.threshold);
      return planPointwise(draft, input, "bitonal", [f32Bits(step.threshold)], role);
    case "watermark":
      return planWatermark(draft, input, step, role);
    default:
      return unknownStep(step);
  }
}

type ResizeStep = Extract<OpStep, { op: "resize" }>;

function planResize(draft: Draft, input: Placed, step: ResizeStep, role: BufferRole): Placed {
  const { region, width, height } = step;
  const { across, down } = resizeWeights(input, step);
  if (across.filter === "copy" && down.filter === "copy") {
    const rows = { first: region.y, end: region.y + region.height };
    return planRemap(draft, input, cropMap(input, region), role, rows);
  }
  const output = claimOutput(draft, { width, height }, role);
  const columns = tapRange(across);
  const downTable = addTable(draft, down);
  const acrossTable = addTable(draft, across);
  const oversize = rasterBytes(input) > draft.limits.bindingBytes;
  const bands = resizeBands({
    down,
    columns: columns.count,
    sourceWidth: input.width,
    limits: draft.limits,
    windowed: oversize,
  });
  if (bands === undefined) tooLarge(`resize of ${input.width}x${input.height} fits no band`);
  for (const band of bands) {
    const window = band.window ?? wholeWindow(input);
    draft.bytes.sums = Math.max(draft.bytes.sums, band.rows * columns.count * SUM_BYTES);
    dispatch(
      draft,
      "resizeVertical",
      [
        input.width,
        window.base,
        columns.first,
        columns.count,
        band.rows,
        band.firstRow,
        downTable,
        height,
        down.taps,
      ],
      [bind(input.role, window), { role: "tables" }, { role: "sums" }],
      {
        width: columns.count,
        height: band.rows,
      },
    );
    dispatch(
      draft,
      "resizeHorizontal",
      [
        columns.count,
        columns.first,
        width,
        band.rows,
        band.firstRow,
        acrossTable,
        across.taps,
      ],
      [{ role: "sums" }, { role: "tables" }, bind(role, wholeWindow(output))],
      {
        width,
        height: band.rows,
      },
    );
  }
  return output;
}

/** Source rows a remap reads, when not all (a crop). */
interface RowRange {
  readonly first: number;
  readonly end: number;
}

function planRemap(
  draft: Draft,
  input: Placed,
  map: PixelMap,
  role: BufferRole,
  rows: RowRange = { first: 0, end: input.height },
): Placed {
  const window = windowOf(input.width, rows.first, rows.end, draft.limits.storageAlignment);
  checkBinding(draft, window.size);
  const output = claimOutput(draft, map, role);
  const params = [map.width, map.height, map.origin - window.base, map.stepX, map.stepY];
  dispatch(
    draft,
    "remap",
    params,
    [bind(input.role, window), bind(role, wholeWindow(output))],
    map,
  );
  return output;
}

type RotateStep = Extract<OpStep, { op: "rotate" }>;

function planRotate(draft: Draft, input: Placed, step: RotateStep, role: BufferRole): Placed {
  const size = rotatedSize(input.width, input.height, step.degrees);
  const radians = (step.degrees * Math.PI) / 180;
  const params = [
    input.width,
    input.height,
    size.width,
    size.height,
    f32Bits(Math.cos(radians)),
    f32Bits(Math.sin(radians)),
    step.background === "white" ? 0xffffffff : 0,
  ];
  return planWholeInput(draft, input, { kernel: "rotate", params, size }, role);
}

function planPointwise(
  draft: Draft,
  input: Placed,
  kernel: KernelName,
  extra: readonly number[],
  role: BufferRole,
): Placed {
  const params = [input.width, input.height, ...extra];
  return planWholeInput(draft, input, { kernel, params, size: input }, role);
}

function planWatermark(
  draft: Draft,
  input: Placed,
  step: WatermarkStep,
  role: BufferRole,
): Placed {
  const mark = watermarkOf(step, draft.watermarks);
  if (draft.mark !== undefined && draft.mark.key !== step.image) {
    tooLarge("more than one watermark");
  }
  draft.mark = { key: step.image, raster: mark };
  draft.bytes.mark = rasterBytes(mark);
  checkBinding(draft, draft.bytes.mark);
  const window = wholeWindow(input);
  checkBinding(draft, window.size);
  const output = claimOutput(draft, input, role);
  const params = [
    input.width,
    input.height,
    mark.width,
    mark.height,
    wrapIndex(step.x, mark.width),
    wrapIndex(step.y, mark.height),
    step.opacity,
  ];
  const bindings = [bind(input.role, window), { role: "mark" as const }, bind(role, window)];
  dispatch(draft, "watermark", params, bindings, input);
  return output;
}

/** A kernel that reads the whole input and writes a `size` raster. */
interface WholeInputKernel {
  readonly kernel: KernelName;
  readonly params: readonly number[];
  readonly size: Size;
}

function planWholeInput(
  draft: Draft,
  input: Placed,
  job: WholeInputKernel,
  role: BufferRole,
): Placed {
  const window = wholeWindow(input);
  checkBinding(draft, window.size);
  const output = claimOutput(draft, job.size, role);
  const bindings = [bind(input.role, window), bind(role, wholeWindow(output))];
  dispatch(draft, job.kernel, job.params, bindings, job.size);
  return output;
}

/** Reserves `role`'s buffer for a `size` output, which one binding must be able to see. */
function claimOutput(draft: Draft, size: Size, role: BufferRole): Placed {
  const bytes = rasterBytes(size);
  checkBinding(draft, bytes);
  draft.bytes[role] = Math.max(draft.bytes[role], bytes);
  return { width: size.width, height: size.height, role };
}

function dispatch(
  draft: Draft,
  kernel: KernelName,
  params: readonly number[],
  bindings: readonly Binding[],
  size: Size,
): void {
  const groups = [size.width, size.height].map((side) => Math.ceil(side / WORKGROUP_SIDE));
  if (Math.max(...groups) > draft.limits.maxWorkgroups) {
    tooLarge(`${kernel} of ${size.width}x${size.height} needs more workgroups than the device has`);
  }
  draft.dispatches.push({ kernel, params, bindings, groups: [groups[0], groups[1]] });
}

/** Appends `table` to the job's tables; returns its word offset. */
function addTable(draft: Draft, table: AxisWeights): number {
  const offset = draft.tableWords;
  const words = (array: Int32Array | Float32Array) =>
    new Uint32Array(array.buffer, array.byteOffset, array.length);
  draft.tables.push(words(table.first), words(table.count), words(table.weights));
  draft.tableWords += 2 * table.first.length + table.weights.length;
  return offset;
}

function checkBinding(draft: Draft, bytes: number): void {
  if (bytes > draft.limits.bindingBytes) {
    tooLarge(`a binding of ${bytes} bytes exceeds the device's ${draft.limits.bindingBytes}`);
  }
}

function bind(role: BufferRole, window: BindingWindow): Binding {
  return { role, offset: window.offset, size: window.size };
}

function wholeWindow(raster: Size): BindingWindow {
  return { offset: 0, size: rasterBytes(raster), base: 0 };
}

function rasterBytes(size: Size): number {
  return size.width * size.height * 4;
}

const F32 = new Float32Array(1);
const F32_WORD = new Uint32Array(F32.buffer);

/** The bit pattern of `value` as an f32, for a uniform word. */
function f32Bits(value: number): number {
  F32[0] = value;
  return F32_WORD[0];
}

function tooLarge(message: string): never {
  throw new GpuJobError("too-large", `Cannot run on the GPU: ${message}`);
}
