import type { ContractKind } from '@covered/domain'
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm'

@Entity('contracts')
export class Contract {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'uuid', name: 'customer_id' }) customerId!: string
  /** The license covered; after an upgrade, renewal moves the contract onto the replacement license. */
  @Column({ type: 'uuid', name: 'license_id' }) licenseId!: string
  @Column({ type: 'text' }) kind!: ContractKind
  @Column({ type: 'integer', name: 'key_contact_cap', default: 3 }) keyContactCap!: number
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date
  @VersionColumn({ type: 'integer' }) version!: number
}

@Entity('contract_terms')
export class ContractTermRecord {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'uuid', name: 'contract_id' }) contractId!: string
  /** Calendar dates, inclusive, in the customer's home-desk time zone. */
  @Column({ type: 'date', name: 'start_date' }) start!: string
  @Column({ type: 'date', name: 'end_date' }) end!: string
  @Column({ type: 'bigint', name: 'fee_minor' }) feeMinor!: string
  @Column({ type: 'text' }) currency!: 'USD' | 'GBP'
  @Column({ type: 'date', name: 'cancelled_on', nullable: true }) cancelledOn!: string | null
  @Column({ type: 'text', name: 'cancel_reason', nullable: true }) cancelReason!: string | null
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
}

@Entity('contract_key_contacts')
export class ContractKeyContact {
  @Column({ type: 'uuid', name: 'contract_id', primary: true }) contractId!: string
  @Column({ type: 'uuid', name: 'contact_id', primary: true }) contactId!: string
  @CreateDateColumn({ type: 'timestamptz', name: 'added_at' }) addedAt!: Date
}
