import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm'
import type { Currency } from '../../graphql/enums.js'

@Entity('licenses')
export class License {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'uuid', name: 'customer_id' }) customerId!: string
  @Column({ type: 'uuid', name: 'edition_id' }) editionId!: string
  /** Integer minor units (cents, pence); bigint comes back from pg as a string. */
  @Column({ type: 'bigint', name: 'price_minor' }) priceMinor!: string
  @Column({ type: 'text' }) currency!: Currency
  @Column({ type: 'date', name: 'purchased_on' }) purchasedOn!: string
  @Column({ type: 'text', name: 'license_key' }) licenseKey!: string
  @Column({ type: 'timestamptz', name: 'retired_at', nullable: true }) retiredAt!: Date | null
  @Column({ type: 'timestamptz', name: 'replaced_at', nullable: true }) replacedAt!: Date | null
  @Column({ type: 'uuid', name: 'replaced_by_id', nullable: true }) replacedById!: string | null
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @VersionColumn({ type: 'integer' }) version!: number
}
