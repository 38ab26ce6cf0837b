import type { MipModel } from '../contract/siting-types.ts';

/** Collects a MIP row by row, then packs it into the solver-neutral compressed-row model. */
export class MipRows {
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly start: number[] = [0];
  private readonly index: number[] = [];
  private readonly value: number[] = [];

  add(lower: number, upper: number, columns: ArrayLike<number>, values: ArrayLike<number> | number): void {
    for (let k = 0; k < columns.length; k += 1) {
      this.index.push(columns[k]);
      this.value.push(typeof values === 'number' ? values : values[k]);
    }
    this.lower.push(lower);
    this.upper.push(upper);
    this.start.push(this.index.length);
  }

  build(columns: Pick<MipModel, 'sense' | 'offset' | 'colCost' | 'colLower' | 'colUpper' | 'integrality'>): MipModel {
    return {
      ...columns,
      rowLower: Float64Array.from(this.lower),
      rowUpper: Float64Array.from(this.upper),
      rowStart: Int32Array.from(this.start),
      rowIndex: Int32Array.from(this.index),
      rowValue: Float64Array.from(this.value),
    };
  }
}

/** Nonzeros of a compressed-row model: its size as the solver sees it. */
export function countNonzeros(model: MipModel): number {
  return model.rowIndex.length;
}
