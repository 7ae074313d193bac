import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm'
import type { Currency, DeskCode } from '../../graphql/enums.js'

@Entity('customers')
export class Customer {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text' }) name!: string
  @Column({ type: 'text', name: 'home_desk' }) homeDesk!: DeskCode
  @Column({ type: 'text' }) currency!: Currency
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date
  @VersionColumn({ type: 'integer' }) version!: number
}
